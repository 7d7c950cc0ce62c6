"""The stranger generator's truth is what its pages print, by the contract's rules (no pixels rendered)."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

import numpy as np
import pytest
from PIL import ImageFont

from samples.numwords import number_to_words
from samples.refdata import load_vsic
from samples.stranger import fonts, vocab
from samples.stranger.content import Cert, make_certificate, truth_record
from samples.stranger.degrade import plan_tiers
from samples.stranger.forms import build_blocks
from samples.stranger.generate import jobs_for, plan
from samples.stranger.ink import Block, Grid, Header, Ink, Para, Sign, Table
from samples.stranger.money import WordStyle, number_words
from samples.stranger.places import roman_communes
from samples.stranger.trades import make_trades
from schemas.record import Record

LABEL_KINDS = {"Số chứng minh nhân dân": "Chứng minh nhân dân", "Số CMND": "Chứng minh nhân dân",
               "CMND số": "Chứng minh nhân dân", "Số thẻ căn cước công dân": "Thẻ căn cước công dân",
               "Căn cước công dân số": "Căn cước công dân", "Số CCCD": "Căn cước công dân",
               "Số thẻ căn cước": "Thẻ căn cước"}  # fmt: skip
ERAS = ("2015", "2021", "2025")


def made(i: int) -> tuple[Cert, Record, str]:
    rng = random.Random(f"stranger-unit:{i}")
    cert = make_certificate(rng, ERAS[i % 3])
    return cert, truth_record(cert), printed_text(build_blocks(rng, cert))


def printed_text(blocks: list[Block]) -> str:
    """Every string the blocks print, one per line (before line wrapping)."""
    out: list[str] = []
    for block in blocks:
        match block:
            case Header():
                out += ["".join(s.text for s in p.spans) for p in [*block.left, *block.right]]
            case Para():
                out.append("".join(s.text for s in block.spans).replace("\t", "   "))
            case Grid():
                out += ["".join(s.text for s in label + value) for label, value in block.rows]
            case Table():
                out += ["   ".join(row) for row in [block.headers, *block.rows]]
            case Sign():
                out += [*block.titles, block.name]
    return "\n".join(out)


def printed_dates(day: dt.date) -> set[str]:
    d, m, y = day.day, day.month, day.year
    return {f"ngày {d} tháng {m} năm {y}", f"ngày {d:02d} tháng {m:02d} năm {y}", f"{d:02d}/{m:02d}/{y}",
            f"{d:02d}-{m:02d}-{y}", f"{d}/{m}/{y}"}  # fmt: skip


def strings(record: Record) -> list[str]:
    values = [v for v in (record.business_name, record.address, record.issuing_authority) if v]
    values += [
        v for v in (record.owner.full_name, record.owner.permanent_address, record.owner.id_issued_by) if v
    ]
    return values + [line.name for line in record.business_lines if line.name]


CASES = [made(i) for i in range(90)]


@pytest.mark.parametrize(("cert", "truth", "text"), CASES[:45])
def test_every_text_value_is_nfc_and_printed(cert: Cert, truth: Record, text: str) -> None:
    for value in strings(truth):
        assert unicodedata.is_normalized("NFC", value)
    flat = " ".join(text.split())
    for shown in (truth.business_name, truth.address, truth.owner.full_name, truth.owner.permanent_address):
        assert shown and shown in flat
    for line in truth.business_lines:
        assert line.name and line.name in flat
        assert line.code is None or line.code in flat
    for member in truth.members:  # in the case the table prints (capitals or not)
        assert member.full_name and member.full_name in flat
        assert member.id_number and member.id_number in flat


@pytest.mark.parametrize(("cert", "truth", "text"), CASES)
def test_numbers_dates_and_authority_follow_the_contract(cert: Cert, truth: Record, text: str) -> None:
    flat = " ".join(text.split())
    assert truth.registration_number and truth.registration_number in flat.replace(".", "")
    assert truth.first_registered_on and any(s in flat for s in printed_dates(truth.first_registered_on))
    if truth.amended_on:
        assert any(s in flat for s in printed_dates(truth.amended_on))
    digits = re.sub(r"(?<=\d)[., ](?=\d{3}(?!\d))", "", flat)
    assert str(truth.capital_vnd) in digits
    header = [" ".join(cert.office_lines), " ".join(cert.committee_lines)]
    assert truth.issuing_authority == (", ".join(header) if cert.office_lines else header[1])
    assert all(line in text.splitlines() for line in cert.office_lines + cert.committee_lines)
    assert truth.phone is None or truth.phone.isdigit()


@pytest.mark.parametrize(("cert", "truth", "text"), CASES)
def test_the_id_type_is_the_printed_kind_or_the_kind_the_label_names(
    cert: Cert, truth: Record, text: str
) -> None:
    ident = cert.owner.identity
    flat = " ".join(text.split())
    assert truth.owner.id_number and truth.owner.id_number in flat
    if ident.type_line:
        assert (
            ident.type_line.lower() in flat.lower() and f"{truth.owner.id_type}" in flat
        )  # labels may be upper case
    elif ident.number_label == vocab.PERSONAL_ID_LABEL:
        assert truth.owner.id_type is None
    elif ident.number_label == "Số CMND/CCCD":
        assert truth.owner.id_type == (
            "Chứng minh nhân dân" if len(ident.number) == 9 else "Căn cước công dân"
        )
    else:
        assert truth.owner.id_type == LABEL_KINDS[ident.number_label]
    if cert.owner.current_ref:
        assert cert.owner.current_ref in flat and truth.owner.current_address == truth.owner.permanent_address


def test_the_set_covers_the_kinds_issue_13_names() -> None:
    texts = "\n".join(text for _, _, text in CASES)
    truths = [t for _, t, _ in CASES]
    for needle in ("UBND", "Số CMND", "Hoà", "Hòa", "(trừ", "SALON", "Tên ngành, nghề kinh doanh", "– "):
        assert needle in texts, needle
    assert any(c.owner.identity.type_line is None and t.owner.id_type for c, t, _ in CASES)
    assert any(len(t.members) and len(c.member_columns) >= 6 for c, t, _ in CASES)
    assert any(t.amendment_number for t in truths) and any(t.fax for t in truths)
    assert all(4 <= len(c.member_columns) <= 7 for c, _, _ in CASES if c.members)


def test_tiers_and_eras_are_planned_in_exact_shares() -> None:
    tiers = plan_tiers(random.Random(3), 80)
    assert {t: tiers.count(t) for t in set(tiers)} == {
        "clean": 20,
        "light": 20,
        "moderate": 20,
        "hard": 12,
        "photo": 8,
    }
    eras = [era for era, _ in plan(7, 80)]
    assert sorted(eras.count(e) for e in ERAS) == [26, 27, 27]
    extra = [job[3] for job in jobs_for(7, 80)[80:]]
    assert extra == ["marriage", "english_letter", "blank", "degraded", "degraded"]


def test_number_words_agree_with_the_dev_generator_in_the_default_style() -> None:
    rng = random.Random(11)
    for value in [rng.randint(1, 10**12 - 1) for _ in range(300)] + [1005, 21, 24, 105, 1_000_000]:
        assert number_words(value, WordStyle()) == number_to_words(value)
    regional = WordStyle(zero_tens="lẻ", thousand="ngàn", seven="bẩy", four_after_tens="bốn")
    assert number_words(107_024_000, regional) == "Một trăm lẻ bẩy triệu không trăm hai mươi bốn ngàn"


def test_every_trade_code_exists_in_its_vsic_version() -> None:
    v2018, v2025 = load_vsic("2018"), load_vsic("2025")
    for head, codes18, codes25, _ in vocab.KINDS:
        assert all(c in v2018 for c in codes18), head
        assert all(c in v2025 for c in codes25), head
    assert all(c in v2018 for c in vocab.EXTRA_CODES)


def test_roman_numeral_wards_come_from_the_reference_data() -> None:
    wards = roman_communes()
    assert len(wards) >= 5 and all(re.search(r" [IVX]+$", w.name) for w in wards)


VIETNAMESE = (
    "".join(
        unicodedata.normalize("NFC", base + mark)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    )
    + "đĐ"
)


def drawn(font: ImageFont.FreeTypeFont, char: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(char)
    return mask.size, bytes(np.asarray(mask))


def test_every_font_family_is_installed_and_has_every_vietnamese_letter() -> None:
    """Checked without the layout engine: raqm would compose a missing letter from a base and a combining
    mark, which some fonts draw as a spacing accent ("Sô´"), so the page would not show the truth."""
    assert fonts.missing_families() == []
    for files in fonts.FAMILIES.values():
        for file in files:
            font = ImageFont.truetype(str(fonts.FONT_ROOT / file), 40, layout_engine=ImageFont.Layout.BASIC)
            lacking = [c for c in VIETNAMESE if drawn(font, c) == drawn(font, "\ue000")]
            assert lacking == [], (file, "".join(lacking))


def test_the_font_check_catches_a_font_without_precomposed_letters() -> None:
    mono = ImageFont.truetype(
        str(fonts.FONT_ROOT / "dejavu/DejaVuSansMono.ttf"), 40, layout_engine=ImageFont.Layout.BASIC
    )
    assert drawn(mono, "ố") == drawn(mono, "\ue000") != drawn(mono, "ô")


def test_free_text_trades_print_every_item_and_split_on_semicolons() -> None:
    for i in range(400):
        rng = random.Random(f"stranger-trades:{i}")
        _, trades = make_trades(rng, "2015", "NGUYỄN VĂN AN")
        if trades.lines and trades.lines[0].code is None:
            assert all(";" not in (line.name or "") for line in trades.lines)
            assert trades.shape != "plain" or len(trades.lines) == 1
            assert trades.shape != "semicolon" or len(trades.lines) > 1


def test_member_names_in_capitals_keep_their_capitals_in_the_truth() -> None:
    upper = [(c, t) for c, t, _ in CASES if c.members and c.members_upper]
    assert upper
    for cert, truth in upper:
        assert [m.full_name for m in truth.members] == [m.name.upper() for m in cert.members]


def test_rendering_the_ink_is_deterministic() -> None:
    cert, _, _ = CASES[4]
    first = Ink("Liberation Serif", 12.5, 1.3, (1.0, 0.8, 0.7)).render(build_blocks(random.Random(1), cert))
    again = Ink("Liberation Serif", 12.5, 1.3, (1.0, 0.8, 0.7)).render(build_blocks(random.Random(1), cert))
    assert [p.image.tobytes() for p in first] == [p.image.tobytes() for p in again]
    assert first[0].image.size == (2481, 3507) and first[-1].marks
