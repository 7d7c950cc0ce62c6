"""Coverage-guided fuzzing of the label parser with atheris, for longer local runs (not in CI; the
bounded hypothesis properties in tests/unit/test_fuzz_labels.py run there).

    .venv/bin/python scripts/fuzz_labels.py -max_total_time=600       # 10 minutes
    .venv/bin/python scripts/fuzz_labels.py -runs=200000 corpus_dir/  # keep a corpus between runs

The fuzzer's bytes become printed lines of OCR words (label words with slips, values, any Unicode),
laid out as word boxes with jittered geometry, and go through build_lines → find_anchors →
value_after and the whole extract_record. Any exception, an ill-formed anchor or a non-NFC text
value in the record is a crash; atheris then writes the input to crash-<hash> for a regression test.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import atheris
import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    from ocr.extraction import extract_record
    from ocr.extraction.label_match import find_anchors
    from ocr.extraction.labels import LABELS
    from ocr.extraction.lines import build_lines, index_by_line, value_after
    from ocr.results import PageResult, Word

LABEL_WORDS = sorted({w for variants in LABELS.values() for v in variants for w in v.rstrip("!").split()})
PRINTED = [
    "Mã",
    "số",
    "hộ",
    "kinh",
    "doanh",
    "Đăng",
    "ký",
    "lần",
    "đầu",
    "Tên",
    "Địa",
    "chỉ",
    "trụ",
    "sở",
    "Điện",
    "thoại",
    "Vốn",
    "Họ",
    "và",
    "tên",
    "Sinh",
    "ngày",
]
VALUES = [
    "8000000004",
    "12/05/1980",
    "ngày",
    "tháng",
    "năm",
    "150.000.000",
    "đồng",
    "Nữ",
    "Kinh",
    "Như",
    "trên",
]


def make_word(fdp: atheris.FuzzedDataProvider) -> str:
    kind = fdp.ConsumeIntInRange(0, 5)
    if kind == 0:
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 16))
    pool = (LABEL_WORDS, PRINTED, VALUES, PRINTED, VALUES)[kind - 1]
    word = pool[fdp.ConsumeIntInRange(0, len(pool) - 1)]
    slip = fdp.ConsumeIntInRange(0, 5)
    if slip == 1:
        word = unicodedata.normalize("NFD", word)
    elif slip == 2:
        word = word.upper()
    elif slip == 3 and len(word) > 2:
        cut = fdp.ConsumeIntInRange(0, len(word) - 1)
        word = word[:cut] + word[cut + 1 :]
    elif slip == 4:
        word += ":"
    return word


def make_page(fdp: atheris.FuzzedDataProvider, number: int) -> PageResult:
    words: list[Word] = []
    for row in range(fdp.ConsumeIntInRange(0, 25)):
        x = fdp.ConsumeIntInRange(0, 400)
        for _ in range(fdp.ConsumeIntInRange(0, 10)):
            text = make_word(fdp)
            w, h = fdp.ConsumeIntInRange(0, 600), fdp.ConsumeIntInRange(0, 80)
            y = 200 + 60 * row + fdp.ConsumeIntInRange(-30, 30)
            conf = fdp.ConsumeFloatInRange(0.0, 100.0)
            words.append(Word(text=text, conf=conf, bbox=(x, max(0, y), w, h), line=row, block=0))
            x += w + fdp.ConsumeIntInRange(0, 60)
    return PageResult(number=number, width=2480, height=3508, rotation=0, image_png=b"", words=words)


def not_nfc(value: object) -> list[str]:
    if isinstance(value, str):
        return [] if unicodedata.is_normalized("NFC", value) else [value]
    if isinstance(value, dict):
        return [bad for v in value.values() for bad in not_nfc(v)]
    if isinstance(value, list):
        return [bad for v in value for bad in not_nfc(v)]
    return []


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    pages = [make_page(fdp, n) for n in range(1, fdp.ConsumeIntInRange(1, 2) + 1)]
    lines = build_lines(pages)
    anchors = find_anchors(lines, LABELS)
    by_line = index_by_line(anchors)
    for a in anchors:
        if not (a.name in LABELS and 0 <= a.start < a.end <= len(lines[a.line].tokens)):
            raise AssertionError(f"ill-formed anchor {a}")
        value_after(a, lines, by_line, multiline=True)
    record = msgspec.to_builtins(extract_record("fuzz.jpg", pages).record)
    if bad := not_nfc(record):
        raise AssertionError(f"not NFC: {bad!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
