"""The second reader's real network (asterocr's line model, installed by setup) on upper-case name
lines with stacked tone marks, rendered here and cut from a page the way extraction cuts them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.pipeline import load_second_reader
from ocr.second_reader.crops import ViewLines

pytestmark = pytest.mark.ocr

NAMES = [
    "NGUYỄN THỊ HỒNG NHUNG",
    "TRẦN QUỐC VƯỢNG",
    "PHẠM NGỌC HUYỀN",
    "LÊ ĐỨC THẮNG",
    "HUỲNH VĂN HẢI",
    "ĐẶNG THỊ MỸ DUYÊN",
    "VŨ NGỌC ẨN",
    "DƯƠNG QUỲNH NGA",
    "HỒ SĨ ĐẠT",
    "TRƯƠNG THỊ KIỀU OANH",
]


def page_with(
    lines: list[str], font_file: str, size: int
) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A grey page with one name per line, 1.8 line heights apart, and each line's ink box."""
    page = Image.new("L", (1400, 120 + 60 * len(lines)), 250)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_file, size)
    boxes = []
    for i, text in enumerate(lines):
        x, y = 100, 60 + round(1.8 * size) * i
        draw.text((x, y), text, font=font, fill=20)
        left, top, right, bottom = draw.textbbox((x, y), text, font=font)
        boxes.append((round(left), round(top), round(right - left), round(bottom - top)))
    return np.asarray(page), boxes


@pytest.mark.parametrize(("font_file", "size"), [("DejaVuSans.ttf", 30), ("DejaVuSerif.ttf", 26)])
def test_upper_case_names_with_stacked_marks_are_read_exactly(font_file: str, size: int) -> None:
    model = load_second_reader(True)
    assert model is not None and load_second_reader(True) is model  # one model per process
    view, boxes = page_with(NAMES, font_file, size)
    got = ViewLines({1: view}, model)([(1, b) for b in boxes] + [(2, boxes[0])])
    assert got[-1] is None  # no such page
    texts = [g.text if g else "" for g in got[:-1]]
    assert texts == NAMES
    assert all(g is not None and len(g.probs) == len(g.text) and g.weakest > 0.5 for g in got[:-1])


def test_switched_off_there_is_no_model() -> None:
    assert load_second_reader(False) is None


def test_the_arena_changes_no_reading_of_lines_in_several_batches() -> None:
    """Stop 23 turned onnxruntime's CPU arena and memory patterns on for speed: every line, of batches
    of different widths and sizes, must read the same text with the same probabilities as without."""
    from ocr.second_reader import model_files as mf
    from ocr.second_reader.crops import cut_line
    from ocr.second_reader.model import LineModel, batches, model_paths, prepare_line

    model_file, vocab_file = model_paths()
    vocab = mf.read_vocabulary(vocab_file)
    crops = []
    for font_file, size in (("DejaVuSans.ttf", 30), ("DejaVuSerif.ttf", 22), ("DejaVuSans.ttf", 40)):
        view, boxes = page_with([*NAMES, " ".join(NAMES[:3])], font_file, size)
        crops += [c for b in boxes if (c := cut_line(view, b)) is not None]
    groups = batches([prepare_line(c).shape[2] for c in crops])
    assert len(groups) >= 4 and any(len(g) > 1 for g in groups)  # really several batches, some shared
    with_arena = LineModel(model_file, vocab, arena=True).read_lines(crops)
    without = LineModel(model_file, vocab, arena=False).read_lines(crops)
    assert with_arena == without
    assert sum(r.text in NAMES for r in with_arena) >= 20  # real readings, not empty ones
