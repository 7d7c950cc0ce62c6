"""Keep what was printed (issue 13, item 1): a reference list repairs a misread, never a valid form.

Every text here is written for the test: each case is one kind of valid printed form that a list
entry must not replace, and the one kind it must (a misread), which then goes to review with its reason.
"""

from __future__ import annotations

from ocr.extraction import vocab
from ocr.extraction.candidate import Candidate
from ocr.extraction.checks import check_business_lines
from ocr.extraction.flow import evidence_findings
from ocr.extraction.name_words import split_glued, tidy_name_text
from ocr.extraction.places import resolve_unit_tail
from ocr.extraction.status import to_field_result
from ocr.extraction.tables import snap_to_vsic
from rules.evidence import derive_status
from rules.printed import PrintedMatch, compare_printed, snap_forbidden
from schemas.record import BusinessLine, EvidenceKind, FieldStatus
from tests.unit.ocr_spans import span_of

VSIC_4711 = (
    "Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn trong các "
    "cửa hàng kinh doanh tổng hợp"
)  # its VSIC 2018 name


def kinds(cand: Candidate) -> dict[EvidenceKind, bool]:
    return {e.kind: e.holds for e in cand.evidence}


def test_a_longer_official_name_holding_a_list_entry_is_kept() -> None:
    assert compare_printed("Thẻ căn cước công dân", "Căn cước công dân") is PrintedMatch.CONTAINS
    cand = Candidate(value="Thẻ căn cước công dân", span=None, confidence=0.95)
    assert vocab.snap(cand, vocab.ID_TYPES, min_score=88)
    assert cand.value == "Thẻ căn cước công dân"  # not the shorter "Căn cước công dân"
    # against a list without the long form, the reading is kept too, with the entry beside it, and the
    # words beyond the entry are left over for the label grammar: a human looks
    short = Candidate(value="Thẻ căn cước công dân", span=None, confidence=0.95)
    assert vocab.snap(short, ("Căn cước công dân", "Hộ chiếu"), min_score=88)
    short = vocab.explain_closed_value(short)
    assert short.value == "Thẻ căn cước công dân" and short.canonical == "Căn cước công dân"
    assert kinds(short)[EvidenceKind.LABEL_GRAMMAR_EXPLAINS] is False


def test_the_committee_abbreviation_stays_as_printed_with_the_full_form_beside_it() -> None:
    committee = vocab.normalise_committee("UBND QUẬN HẢI CHÂU")
    assert committee.text == "UBND QUẬN HẢI CHÂU"
    assert committee.canonical == "ỦY BAN NHÂN DÂN QUẬN HẢI CHÂU"
    assert not committee.repaired and committee.sure
    assert vocab.committee_place(committee.text) == "quan hai chau"  # layout detection still reads it


def test_both_tone_placements_are_kept_and_resolve_to_the_same_unit() -> None:
    old = resolve_unit_tail("Tổ 5, Phường Hòa Cường Bắc, Quận Hải Châu, Thành phố Đà Nẵng")
    new = resolve_unit_tail("Tổ 5, Phường Hoà Cường Bắc, Quận Hải Châu, Thành phố Đà Nẵng")
    assert old is not None and new is not None
    assert "Phường Hòa Cường Bắc" in old.text and "Phường Hoà Cường Bắc" in new.text
    assert old.code == new.code and not old.repaired and not new.repaired
    # and in the committee's place, in upper case
    assert vocab.normalise_committee("UBND PHƯỜNG HOÀ CƯỜNG BẮC").text == "UBND PHƯỜNG HOÀ CƯỜNG BẮC"


def test_a_valid_reading_is_kept_with_its_unit_code_beside_it_and_can_be_ok() -> None:
    text = "Tổ 5, Phường Hoà Cường Bắc, Quận Hải Châu, Thành phố Đà Nẵng"
    cand = vocab.match_address(Candidate(value=text, span=span_of(text, conf=96.0), confidence=0.95))
    assert cand.value == text
    assert cand.canonical == resolve_unit_tail(text).code  # type: ignore[union-attr]
    assert kinds(cand)[EvidenceKind.LIST_MATCH_EXACT] is True
    result = to_field_result("address", cand)
    assert result.status is FieldStatus.OK and result.canonical == cand.canonical


def test_a_roman_numeral_ward_is_never_snapped_to_its_unnumbered_neighbour() -> None:
    assert snap_forbidden("Phường Vĩnh Phúc II", "Phường Vĩnh Phúc")
    assert resolve_unit_tail("Số 3, Phường Vĩnh Phúc II, Quận Ba Đình, Thành phố Hà Nội") is None
    text = "Số 3, Phường Vĩnh Phúc II, Quận Ba Đình, Thành phố Hà Nội"
    cand = vocab.match_address(Candidate(value=text, span=None, confidence=0.95))
    assert cand.value == text and cand.confidence < 0.86  # kept as printed, unresolved: reviewed


def test_a_loanword_in_a_business_name_is_not_split_into_syllables() -> None:
    assert split_glued("SALON") is None
    assert tidy_name_text("SALON TÓC MAI ANH") == "SALON TÓC MAI ANH"
    assert split_glued("NGỌCLAN") == "NGỌC LAN"  # two syllables that lost their space still split


def test_a_vsic_name_with_a_parenthetical_is_kept() -> None:
    printed = BusinessLine(code="4711", name=VSIC_4711 + " (trừ bán lẻ rượu)")
    line, _ = snap_to_vsic(printed)
    assert line == printed
    cand = Candidate(value=[printed], span=None, confidence=0.95)
    check_business_lines(cand, [], "2021")
    assert cand.value == [printed]
    assert EvidenceKind.REPAIRED not in kinds(cand)


def test_a_vsic_name_with_its_own_punctuation_is_kept() -> None:
    printed = BusinessLine(code="4711", name=VSIC_4711.replace("đồ uống, thuốc lá", "đồ uống; thuốc lá"))
    assert compare_printed(printed.name or "", VSIC_4711) is PrintedMatch.VARIANT
    line, agreed = snap_to_vsic(printed)
    assert line == printed and agreed
    cand = Candidate(value=[printed], span=None, confidence=0.95)
    check_business_lines(cand, [], "2021")
    assert cand.value == [printed]


def test_a_broken_reading_is_repaired_and_sent_to_review_with_its_reason() -> None:
    read = "Cộng an tỉnh Thái Nguyên"  # 'Cộng' is a wrong tone: no such office
    cand = Candidate(value=read, span=None, confidence=0.97)
    assert vocab.snap(cand, vocab.id_offices(), min_score=92, trust=0.9)
    assert cand.value == "Công an tỉnh Thái Nguyên"
    repair = next(e for e in cand.evidence if e.kind is EvidenceKind.REPAIRED)
    assert (repair.holds, repair.reason, repair.was) == (False, "printed.repaired_from_list", read)
    assert derive_status(to_field_result("owner.id_issued_by", cand).evidence) is FieldStatus.NEEDS_REVIEW
    findings = evidence_findings({"owner.id_issued_by": cand} | _empty_others())
    assert [(f.code, f.field) for f in findings] == [("printed.repaired_from_list", "owner.id_issued_by")]
    assert read in findings[0].message and "danh mục" in findings[0].message


def test_a_vsic_name_that_lost_its_commas_is_repaired_into_review() -> None:
    read = BusinessLine(code="4711", name=VSIC_4711.replace(",", ""))
    assert compare_printed(read.name or "", VSIC_4711) is PrintedMatch.PUNCT_LOST
    cand = Candidate(value=[read], span=None, confidence=0.95)
    check_business_lines(cand, [], "2021")
    assert cand.value == [BusinessLine(code="4711", name=VSIC_4711)]
    assert kinds(cand)[EvidenceKind.REPAIRED] is False
    assert to_field_result("business_lines", cand).status is FieldStatus.NEEDS_REVIEW


def _empty_others() -> dict[str, Candidate]:
    from schemas.record import RECORD_FIELD_PATHS

    return {
        p: Candidate(value=None, span=None, confidence=0.0)
        for p in RECORD_FIELD_PATHS
        if p != "owner.id_issued_by"
    }


def test_words_no_label_explains_send_the_fields_on_their_line_to_review() -> None:
    import datetime as dt

    from ocr.extraction import extract_record
    from tests.unit.test_ocr_extraction import CERT_2021, page_of

    lines = [
        ("Hết hạn 2031 " + line) if line.startswith("Ngày cấp: 10/07/2021") else line for line in CERT_2021
    ]
    ex = extract_record("x.png", [page_of(lines)], today=dt.date(2026, 1, 1))
    issued = ex.fields["owner.id_issued_on"]
    assert ex.record.owner.id_issued_on == dt.date(2021, 7, 10)
    assert issued.status is FieldStatus.NEEDS_REVIEW
    left = next(e for e in issued.evidence if e.kind is EvidenceKind.LABEL_GRAMMAR_EXPLAINS)
    assert (left.holds, left.was) == (False, "Hết hạn 2031")
    assert ("label.words_left_over", "owner.id_issued_on") in {(f.code, f.field) for f in ex.findings}
    # the same page without them: the field is explained and ok
    clean = extract_record("x.png", [page_of(CERT_2021)], today=dt.date(2026, 1, 1))
    assert clean.fields["owner.id_issued_on"].status is FieldStatus.OK


def test_a_field_stored_before_evidence_existed_still_loads() -> None:
    import msgspec

    from schemas.record import Extraction

    old = b'{"file":"a.png","pages":1,"layout":"2021","fields":{"phone":{"value":"0905","status":"ok"}}}'
    loaded = msgspec.json.decode(old, type=Extraction)
    assert loaded.fields["phone"].evidence == [] and loaded.fields["phone"].canonical is None


def test_the_second_readers_verdict_is_evidence_and_a_disagreement_blocks_ok() -> None:
    from ocr.extraction.cross_reading import AGREE, DISAGREE
    from ocr.extraction.flow import evidence_from_notes

    agreed = evidence_from_notes(Candidate(value="0905123456", span=None, confidence=0.95, notes=[AGREE]))
    assert kinds(agreed) == {EvidenceKind.READERS_AGREE: True}
    assert to_field_result("phone", agreed).status is FieldStatus.OK
    split = evidence_from_notes(Candidate(value="0905123456", span=None, confidence=0.95, notes=[DISAGREE]))
    assert kinds(split) == {EvidenceKind.READERS_AGREE: False}
    assert to_field_result("phone", split).status is FieldStatus.NEEDS_REVIEW


def test_a_misread_committee_head_is_repaired_and_reviewed_a_respelt_one_is_kept() -> None:
    """'ỦY BẠN NHÂN DẦN' folds to the fixed wording's letters but is no spelling of it: repaired (so
    the field goes to review); 'UỶ BAN NHÂN DÂN' is the other tone placement: kept, not repaired."""
    misread = vocab.normalise_committee("ỦY BẠN NHÂN DẦN QUẬN HẢI CHÂU")
    assert misread.text == "ỦY BAN NHÂN DÂN QUẬN HẢI CHÂU" and misread.repaired
    respelt = vocab.normalise_committee("UỶ BAN NHÂN DÂN QUẬN HẢI CHÂU")
    assert respelt.text == "UỶ BAN NHÂN DÂN QUẬN HẢI CHÂU" and not respelt.repaired
