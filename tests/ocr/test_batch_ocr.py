"""A small generated stack, as PDF and as bilevel TIFF, classified and split like the worker does."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr.batch.classify import PageKind
from ocr.batch.limits import BatchLimits
from ocr.batch.read import read_batch
from ocr.batch.split import Role, split_pages
from ocr.pages import iter_pages
from samples.batch import BatchTruth, write_batch

pytestmark = pytest.mark.ocr

DEV_SEED = 11  # a development seed; the benchmark's stranger seed is never used here


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchTruth]:
    out = tmp_path_factory.mktemp("batch")
    truth = write_batch(DEV_SEED, out, certificates=2, blanks=2, others=2, tier="light")
    return out, truth


def test_truth_accounts_for_every_page_of_both_files(batch: tuple[Path, BatchTruth]) -> None:
    out, truth = batch
    numbers = sorted(
        [p for d in truth.documents for p in d.pages] + [p.page for p in truth.pages if p.kind == "blank"]
    )
    assert numbers == list(range(1, len(truth.pages) + 1))
    for name in ("batch.pdf", "batch.tif"):
        assert sum(1 for _ in iter_pages((out / name).read_bytes(), BatchLimits().file_limits)) == len(
            truth.pages
        )
    kinds = {p.kind for p in truth.pages}
    assert {"certificate_first", "blank", "cover_sheet"} <= kinds


@pytest.mark.parametrize("name", ["batch.pdf", "batch.tif"])
def test_split_matches_the_truth(batch: tuple[Path, BatchTruth], name: str) -> None:
    out, truth = batch
    pages = list(read_batch((out / name).read_bytes(), BatchLimits()))
    split = split_pages([p.page_class for p in pages])
    expected = [(d.kind, d.pages) for d in truth.documents]
    assert [(d.role.value, d.pages) for d in split.documents] == expected
    assert split.blanks == [p.page for p in truth.pages if p.kind == "blank"]
    for got, want in zip(pages, truth.pages, strict=True):
        assert got.page_class.reasons, "every page says why"
        if want.upside_down and want.kind != "blank":
            assert got.page_class.rotation == 180
    attachments = [d for d in split.documents if d.role == Role.ATTACHMENT]
    assert [d.attached_to for d in attachments] == [
        t.attached_to for t in truth.documents if t.kind == "attachment"
    ]
    assert all(p.page_class.kind != PageKind.UNREADABLE for p in pages)


def test_a_batch_above_its_total_pixels_is_refused_from_headers(batch: tuple[Path, BatchTruth]) -> None:
    from ocr.batch.limits import inspect_batch
    from ocr.errors import TooManyPagesError, TooManyPixelsError

    data = (batch[0] / "batch.pdf").read_bytes()
    with pytest.raises(TooManyPixelsError):
        inspect_batch(data, BatchLimits(max_total_pixels=20_000_000))
    with pytest.raises(TooManyPagesError):
        inspect_batch(data, BatchLimits(max_pages=3))
    assert inspect_batch(data, BatchLimits()).pages == len(batch[1].pages)
