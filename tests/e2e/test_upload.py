"""A clerk uploads three generated certificates in the browser and sees each one processed to "done";
the same file again is reported as already there, a file that is not a scan is refused with the reason.
(The work happens in the session fixture `uploaded`, which the review tests reuse.)"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e


def test_clerk_uploads_three_scans_and_sees_them_processed(uploaded: dict[str, int]) -> None:
    assert len(uploaded) == 3 and len(set(uploaded.values())) == 3
    assert (SCREENSHOTS / "upload.png").stat().st_size > 10_000
