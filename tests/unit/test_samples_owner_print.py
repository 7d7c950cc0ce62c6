"""The dev generator's people variants (samples.owner_print): the truth says what the page prints, and
the document's main stream draws what it drew before the variants existed."""

from __future__ import annotations

import random

import pytest

from samples import owner_print
from samples.content import Certificate, make_certificate
from samples.forms import build_document
from samples.layout import Paragraph, Table
from samples.owner_print import plan_for, restyle

ERAS = ("2015", "2021", "2025")


def printed(cert: Certificate, seed: str) -> tuple[str, list[Table]]:
    blocks, _ = build_document(random.Random(seed), cert)
    text = "\n".join("".join(r.text for r in b.runs) for b in blocks if isinstance(b, Paragraph))
    return text, [b for b in blocks if isinstance(b, Table)]


def planned(n: int) -> list[Certificate]:
    certs = [
        restyle(make_certificate(random.Random(f"op:{i}"), ERAS[i % 3], with_members=True)) for i in range(n)
    ]
    return [c for c in certs if plan_for(c) is not None]


def test_the_owner_truth_is_what_the_page_prints() -> None:
    certs = planned(120)
    assert len(certs) > 40
    for i, cert in enumerate(certs):
        owner = cert.record.owner
        text, _ = printed(cert, f"p:{i}")
        for value in (owner.full_name, owner.id_number, owner.id_issued_by, owner.permanent_address):
            assert value is None or value in text
        plan = plan_for(cert)
        assert plan is not None
        if plan.id_label is not None:
            assert f"{plan.id_label}: {owner.id_number}" in text
            assert "Loại giấy tờ" not in text  # no type line: the label is the only word on the kind


def test_an_id_label_says_the_kind_and_a_personal_number_says_none() -> None:
    kinds = {(p.id_label, p.id_kind_printed) for c in planned(300) if (p := plan_for(c)) and p.id_label}
    assert ("Số định danh cá nhân", None) in kinds
    assert ("Số thẻ căn cước công dân", "Thẻ căn cước công dân") in kinds
    for c in planned(300):
        p = plan_for(c)
        if p and p.id_label == "Số CMND/CCCD":  # names both: the number's length says which
            kind = "Chứng minh nhân dân" if len(c.record.owner.id_number or "") == 9 else "Căn cước công dân"
            assert c.record.owner.id_type == kind


def test_member_tables_of_four_to_seven_columns_keep_the_truth_in_their_cells() -> None:
    shapes = set()
    for i, cert in enumerate(planned(150)):
        _, tables = printed(cert, f"m:{i}")
        members = tables[-1]
        shapes.add(len(members.headers))
        assert abs(sum(members.widths) - 1) < 1e-9
        has_gender = any(h in ("Giới tính", "Nam/Nữ") for h in members.headers)
        for member, row in zip(cert.record.members, members.rows, strict=True):
            assert member.full_name in row and member.id_number in row
            assert (member.gender is not None) == has_gender
    assert shapes == {4, 5, 6, 7}


@pytest.mark.parametrize("era", ERAS)
def test_the_main_stream_draws_the_same_with_or_without_a_plan(
    era: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(20):
        cert = make_certificate(random.Random(f"s:{i}"), era, with_members=True)
        states = []
        for share in (0.0, 1.0):
            monkeypatch.setattr(owner_print, "SHARE", share)
            owner_print._PLANS.clear()
            rng = random.Random(f"doc:{i}")
            build_document(rng, restyle(cert))
            states.append(rng.getstate())
        assert states[0] == states[1]
