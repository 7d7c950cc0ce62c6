"""The household-members table's rows → members: name, birth date, gender and ID number found by their
shapes in each row, wrapped cells joined to their row (the table's geometry is `member_table`'s).

A row's name is what its name column holds, without a row number; a birth year no member can have is
put right from the row's ID number only when that number encodes a year one digit away (reviewed).
"""

from __future__ import annotations

import re

import msgspec

from ocr.extraction import member_table
from ocr.extraction import normalise as nz
from ocr.extraction.candidate import Candidate, word_confidence
from ocr.extraction.fields import Document
from ocr.extraction.lines import Anchor, Line, Span, Token
from ocr.extraction.name_words import repair_member_surname, starts_with_surname
from ocr.extraction.names import fix_surnames
from ocr.extraction.syllables import is_syllable
from schemas.record import Evidence, EvidenceKind, Member
from schemas.vietnamese import fold_key


def read_members(doc: Document) -> Candidate:
    """Rows of the members table (on the certificate or its annex page): name, birth date, gender and
    ID number found by their shapes. The first heading followed by rows wins."""
    headings = [a for a in doc.anchors if a.name == "members_heading"]
    if not headings:
        return Candidate(value=[], span=None, confidence=0.85, label_found=False)
    for heading in headings:
        members, tokens, left, repairs = _member_rows(doc, heading)
        if members:
            span = Span(tokens=tokens, text=" ".join(t.word.text for t in tokens))
            explained = Evidence(
                kind=EvidenceKind.LABEL_GRAMMAR_EXPLAINS,
                holds=not left,
                reason="label.words_left_over" if left else None,
                was=" ".join(t.word.text for t in left) or None,
            )
            return Candidate(
                value=members,
                span=span,
                confidence=word_confidence(tokens),
                evidence=[explained, *surname_evidence(members), *_year_repairs(repairs)],
            )
    return Candidate(value=[], span=None, confidence=0.3)  # a heading without readable rows


def _year_repairs(repairs: list[str]) -> list[Evidence]:
    reason = "printed.misread_repaired"
    return (
        [Evidence(kind=EvidenceKind.REPAIRED, holds=False, reason=reason, was="; ".join(repairs))]
        if repairs
        else []
    )


def surname_evidence(members: list[Member]) -> list[Evidence]:
    """Against the rows when a name does not start with a known surname: the table's name cell lost
    its first word (a column cut, a wrapped cell) or misread it, and nothing else would tell."""
    odd = [
        (m.full_name or "?").split()[0]
        for m in members
        if not m.full_name or not starts_with_surname(m.full_name)
    ]
    if not odd:
        return []
    return [
        Evidence(
            kind=EvidenceKind.VALIDATORS_PASS,
            holds=False,
            reason="printed.unknown_surname",
            was=" ".join(odd),
        )
    ]


def _member_rows(doc: Document, heading: Anchor) -> tuple[list[Member], list[Token], list[Token], list[str]]:
    """(the rows, their words, words of a row that no cell took, birth dates repaired, as read)."""
    members: list[Member] = []
    repairs: list[str] = []
    tokens: list[Token] = []
    left: list[Token] = []
    page = doc.lines[heading.line].page
    in_subtitle = False
    name_column: member_table.Column | None = None
    above: Line | None = None
    wrapped = 0  # wrapped cell lines under the current row
    row_column: member_table.Column | None = None  # where the current row's name is
    for line in doc.lines[heading.line + 1 : heading.line + 40]:
        if line.page != page:
            break
        text = line.text()
        key = fold_key(text)
        if in_subtitle or "kem theo" in key:
            in_subtitle = ")" not in text  # the subtitle may wrap: its number ends it with ')'
            continue
        if (
            key.startswith(("stt", "so tt", "ho va ten"))
            or "ngay sinh" in key
            or key.startswith("ten ho kinh")
        ):
            name_column = name_column or member_table.name_column_of_header(line)
            continue  # header row, annex subtitle
        if "kem theo" in key or "giay chung nhan" in key:
            continue  # "(Kèm theo Giấy chứng nhận … số 0…)": the certificate's number, not a member
        if len(re.sub(r"[\W_]", "", text)) < 3:
            continue  # a speck or a stroke of the signature
        text = " ".join(nz.fix_digits(w) if sum(ch.isdigit() for ch in w) >= 6 else w for w in text.split())
        text = GLUED_AFTER_DATE.sub(r"\1 ", text)  # '07/04/1997Nam': the next cell read onto the date
        dates = nz.find_dates(text)
        ids = re.findall(r"(?<!\d)(\d{9}|\d{12})(?!\d)", text)
        if not dates and not ids:
            if (
                members
                and above is not None
                and wrapped < member_table.MAX_WRAPPED_LINES
                and member_table.wraps_row(line, above)
            ):
                # a row's wrapped cells ('Việt' / 'Nam', a long name): only the name column's words count
                more = (
                    " ".join(t.word.text for t in member_table.words_in(line, row_column))
                    if row_column
                    else ""
                )
                if more and not re.search(r"\d", more):
                    name = nz.clean_text(f"{members[-1].full_name or ''} {more}")
                    members[-1] = msgspec.structs.replace(members[-1], full_name=name)
                tokens.extend(line.tokens)
                above, wrapped = line, wrapped + 1
                continue
            if members:
                break
            continue
        name_part = text[: dates[0][1]] if dates else text
        if name_column is not None:
            in_column = member_table.words_in(line, name_column)
            name_part = " ".join(t.word.text for t in in_column if not re.search(r"\d", t.word.text))
        name_part = _drop_row_number(name_part)
        row_column = name_column or member_table.name_column_of_row(line, name_part)
        if name_column is not None:
            left += member_table.left_over_before(line, name_column)
        gender = nz.clean_gender(member_table.gender_word(text.split()))
        birth = dates[0][0] if dates else None
        if birth is not None and (fixed := member_table.year_from_id(birth, ids[-1] if ids else None)):
            repairs.append(str(birth.year))  # the year as read; a whole birth date stays out of evidence
            birth = fixed
        members.append(
            Member(
                full_name=repair_member_surname(
                    fix_surnames(split_case_glued(nz.clean_text(name_part) or ""))
                )
                or None,
                birth_date=birth,
                gender=gender,
                id_number=ids[-1] if ids else None,
            )
        )
        tokens.extend(line.tokens)
        above, wrapped = line, 0
    return members, tokens, left, repairs


def split_case_glued(name: str) -> str:
    """'Nguyễn Thị BảoHà' → 'Nguyễn Thị Bảo Hà': in a name set in title case, a small letter followed by
    a capital inside one word is where a narrow space was lost, when both sides are syllables."""
    out = []
    for word in name.split():
        cuts = [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]
        if len(cuts) == 1 and is_syllable(word[: cuts[0]]) and is_syllable(word[cuts[0] :]):
            word = f"{word[: cuts[0]]} {word[cuts[0] :]}"
        out.append(word)
    return " ".join(out)


GLUED_AFTER_DATE = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})(?=[^\W\d_])")
"""A member row's birth date with the next cell's word glued on (a narrow gap read as none)."""


def _drop_row_number(text: str) -> str:
    """'1 Nguyễn Văn A', 'l| Nguyễn …', 'Ø Trần …' → the name; a two-letter surname ('Lê …', and in a
    name set in capitals a listed one: 'VÕ NGỌC PHÚC') stays."""
    head, _, rest = text.strip().partition(" ")
    is_surname = len(head) == 2 and head[0].isupper() and head[1:].isalpha() and head[1:].islower()
    is_surname = is_surname or (head.isalpha() and text.isupper() and starts_with_surname(head))
    if rest and len(head) <= 2 and not is_surname:
        return rest
    return text
