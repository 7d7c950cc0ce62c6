"""Label perturbations a real office's form could show and our generator does not print, applied to the
OCR words of a dev document (benchmarks/label_perturb.py runs them).

The generator prints each generation's labels from one list; offices reword, abbreviate, drop or move
the colon, add lines of their own ("Mã số thuế: …"), wrap a label or a value, or print two items on one
line. Each kind here rewrites the words and lines around one label the extractor found, keeping the
geometry plausible (new words get the line's letter width and height, lines below an inserted line
move down by the line pitch), so the question "does the extractor say `ok` to a value it got wrong?"
can be asked of label shapes no generator variant was tuned on. All wordings are written here.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from ocr.extraction.fields import Document
from ocr.extraction.lines import Anchor
from ocr.results import Word


@dataclass
class Row:
    """One visual line as words (the document is a list of them, pages in order)."""

    page: int
    words: list[Word]

    @property
    def top(self) -> int:
        return min(w.bbox[1] for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bbox[1] + w.bbox[3] for w in self.words)

    @property
    def height(self) -> int:
        hs = sorted(w.bbox[3] for w in self.words)
        return hs[len(hs) // 2]


Rows = list[Row]
Perturb = Callable[[Rows, Document, Anchor, random.Random], Rows | None]

UNKNOWN_WORDINGS: dict[str, tuple[str, ...]] = {
    "registration_number": ("Số đăng ký:", "Mã HKD được cấp:"),
    "first_registered_on": ("Ngày cấp đăng ký:", "Cấp lần đầu ngày:"),
    "business_name": ("Tên gọi của hộ kinh doanh:", "Hộ kinh doanh có tên:", "Tên cửa hàng:"),
    "address": ("Nơi đặt trụ sở:", "Trụ sở đặt tại:", "Địa điểm đặt cơ sở của hộ:"),
    "phone": ("Số máy liên hệ:", "Điện thoại bàn:"),
    "email": ("Hộp thư điện tử:", "Thư điện tử của hộ:"),
    "capital": ("Số vốn đầu tư:", "Vốn góp:"),
    "capital_figures": ("Số vốn bằng số:",),
    "employees": ("Số người làm việc:", "Lao động sử dụng:"),
    "owner.full_name": ("Tên chủ hộ:", "Người đứng tên hộ kinh doanh:", "Họ, tên:"),
    "owner.gender": ("Nam/Nữ:", "Phái:"),
    "owner.birth_date": ("Năm sinh:", "Ngày, tháng, năm sinh:"),
    "owner.ethnicity": ("Thành phần dân tộc:", "Dân tộc của chủ hộ:"),
    "owner.nationality": ("Công dân nước:", "Quốc tịch hiện nay:"),
    "owner.id_type": ("Giấy tờ tùy thân loại:", "Loại giấy tờ:"),
    "owner.id_number": ("Số giấy tờ định danh:", "Số CCCD/CMND:", "Số thẻ của chủ hộ:"),
    "owner.id_issued_on": ("Cấp ngày:", "Ngày cấp giấy:"),
    "owner.id_issued_by": ("Cấp tại:", "Cơ quan cấp giấy:"),
    "owner.permanent_address": ("Hộ khẩu:", "Nơi đăng ký thường trú của chủ hộ:", "Địa chỉ nhà riêng:"),
    "owner.current_address": ("Chỗ ở:", "Nơi ở của chủ hộ:", "Hiện ở tại:"),
}
"""Wordings the label grammar does not know (synonyms, another word order, extra words)."""

ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "registration_number": ("MSHKD:", "Số ĐK:"),
    "business_name": ("Tên HKD:", "Tên hộ KD:"),
    "address": ("Đ/c trụ sở:", "ĐC trụ sở:", "Đ.chỉ KD:"),
    "phone": ("ĐT:", "Đ.thoại:", "SĐT:"),
    "owner.full_name": ("H.tên:", "Họ tên CH:"),
    "owner.gender": ("G.tính:", "GT:"),
    "owner.birth_date": ("Ng.sinh:", "NS:", "N.sinh:"),
    "owner.ethnicity": ("D.tộc:", "DT:"),
    "owner.nationality": ("Q.tịch:", "QT:"),
    "owner.id_number": ("Số CMND/CCCD:", "Số ĐDCN:", "Số CC:"),
    "owner.id_issued_on": ("Ng.cấp:", "NC:"),
    "owner.id_issued_by": ("N.cấp:", "Nơi c.:"),
    "owner.permanent_address": ("Đ/c thường trú:", "HKTT:", "Nơi TT:"),
    "owner.current_address": ("Đ/c liên lạc:", "Chỗ ở HT:"),
    "capital": ("Vốn KD:", "Tổng vốn:"),
}
"""Abbreviated labels an office might print (some the grammar knows, most not)."""

EXTRA_LINES = (
    "Ghi chú: Hộ kinh doanh nộp thuế theo phương pháp khoán",
    "Mã số thuế: 8012345678",
    "Điện thoại di động: 0912 345 678",
    "Số tài khoản: 0071000123456 tại Ngân hàng Ngoại thương",
    "Nghề nghiệp: Buôn bán nhỏ",
    "Tình trạng hôn nhân: Đã kết hôn",
    "Mã số thuế 8012345678",
    "Ngày cấp mã số thuế 12/03/2020",
    "Địa bàn quản lý thuế: Chi cục Thuế khu vực",
    "Trình độ chuyên môn: Trung cấp",
)
"""Lines of the office's own (with and without a colon) for `extra_line`."""


HELD_OUT_WORDINGS: dict[str, tuple[str, ...]] = {
    "registration_number": ("Số hiệu đăng ký hộ:", "Mã đăng ký:"),
    "first_registered_on": ("Thời điểm đăng ký lần đầu:", "Đăng ký mới ngày:"),
    "business_name": ("Tên riêng của hộ:", "Tên hộ:", "Tên gọi:"),
    "address": ("Nơi kinh doanh:", "Địa chỉ cửa hàng:", "Trụ sở tại:"),
    "phone": ("Số điện thoại cố định:", "Liên hệ qua số:"),
    "email": ("Địa chỉ thư:", "Mail:"),
    "capital": ("Vốn đăng ký:", "Tổng mức vốn:"),
    "employees": ("Nhân công:", "Số lao động thường xuyên của hộ:"),
    "owner.full_name": ("Đại diện:", "Người đại diện theo pháp luật:", "Tên người đứng đầu:"),
    "owner.gender": ("Giới:", "Tính:"),
    "owner.birth_date": ("Ngày tháng sinh:", "Sinh vào:"),
    "owner.ethnicity": ("Dân tộc (ghi rõ):", "Tộc người:"),
    "owner.nationality": ("Quốc tịch gốc:", "Mang quốc tịch:"),
    "owner.id_type": ("Kiểu giấy tờ:", "Loại thẻ:"),
    "owner.id_number": ("Số định danh:", "Số thẻ căn cước:", "Mã định danh cá nhân:"),
    "owner.id_issued_on": ("Cấp vào ngày:", "Ngày làm thẻ:"),
    "owner.id_issued_by": ("Đơn vị cấp:", "Nơi làm thẻ:"),
    "owner.permanent_address": (
        "Thường trú tại:",
        "Chỗ ở thường xuyên:",
        "Địa chỉ thường trú hiện nay của chủ hộ:",
    ),
    "owner.current_address": ("Chỗ ở hiện nay của chủ hộ:", "Nơi cư ngụ:", "Đang ở tại:"),
}
"""A second list of wordings, written after the fixes of stop 23 and not looked at while making them."""

HELD_OUT_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "registration_number": ("MS HKD:", "Số GCN:"),
    "business_name": ("T.HKD:", "Tên cơ sở:"),
    "address": ("ĐCTS:", "Đ/c KD:"),
    "phone": ("Đt:", "ĐT bàn:"),
    "owner.full_name": ("HVT:", "Họ&tên:"),
    "owner.gender": ("Phái tính:", "Gt:"),
    "owner.birth_date": ("NgS:", "Ngày s.:"),
    "owner.ethnicity": ("Dtộc:",),
    "owner.nationality": ("Qtịch:",),
    "owner.id_number": ("CCCD số:", "Số ĐD:"),
    "owner.id_issued_on": ("Ngày c.:",),
    "owner.id_issued_by": ("Nơi c.:", "CQ cấp:"),
    "owner.permanent_address": ("TT:", "Đ/c TT:"),
    "owner.current_address": ("Nơi ở HT:", "Đ/c LL:"),
    "capital": ("Vốn:", "VKD:"),
}
"""Held-out abbreviations (see HELD_OUT_WORDINGS)."""

HELD_OUT_LINES = (
    "Lưu ý: Hộ kinh doanh phải treo biển hiệu tại trụ sở",
    "Số điện thoại khác: 0987 654 321",
    "Ngày hết hạn: 31/12/2030",
    "Mã số thuế cá nhân 8123456789",
    "Ngân hàng giao dịch: Ngân hàng Nông nghiệp",
    "Diện tích kinh doanh: 30 m2",
    "Biển hiệu: CỬA HÀNG TẠP HÓA",
    "Người liên hệ: Trần Văn Bình",
    "Nơi sinh: Hà Nội",
    "Số hộ khẩu 123456",
)
"""Held-out lines of the office's own."""

WORDING_SETS = {
    "dev": (UNKNOWN_WORDINGS, ABBREVIATIONS, EXTRA_LINES),
    "heldout": (HELD_OUT_WORDINGS, HELD_OUT_ABBREVIATIONS, HELD_OUT_LINES),
}
"""Which lists the kinds draw from (`--wordings`): the held-out set checks the fixes on what they were
not made against."""
ACTIVE = {"set": "dev"}


def _letter_width(row: Row) -> float:
    chars = sum(len(w.text) for w in row.words) or 1
    return sum(w.bbox[2] for w in row.words) / chars


def _space(row: Row) -> int:
    gaps = [
        b.bbox[0] - (a.bbox[0] + a.bbox[2])
        for a, b in zip(row.words, row.words[1:], strict=False)
        if b.bbox[0] > a.bbox[0] + a.bbox[2]
    ]
    gaps.sort()
    return gaps[len(gaps) // 2] if gaps else max(4, row.height // 3)


def lay_out(text: str, x: int, row: Row, conf: float = 93.0) -> list[Word]:
    """Words of `text` from x on, at the row's height, letter width and word spacing."""
    lw, sp = _letter_width(row), _space(row)
    y = row.top
    h = row.height
    out: list[Word] = []
    for part in text.split():
        w = max(3, round(lw * len(part)))
        out.append(Word(text=part, conf=conf, bbox=(x, y, w, h), line=0, block=0))
        x += w + sp
    return out


def _moved(word: Word, dx: int = 0, dy: int = 0) -> Word:
    x, y, w, h = word.bbox
    return msgspec.structs.replace(word, bbox=(x + dx, y + dy, w, h))


def _pitch(rows: Rows, index: int) -> int:
    row = rows[index]
    if index + 1 < len(rows) and rows[index + 1].page == row.page:
        step = rows[index + 1].top - row.top
        if 0 < step < 3 * row.height:
            return step
    return round(1.7 * row.height)


def insert_row(rows: Rows, after: int, words_at: Callable[[Row], list[Word]]) -> Rows:
    """A new line below rows[after], every later line of that page moved down by one pitch."""
    base = rows[after]
    pitch = _pitch(rows, after)
    template = Row(page=base.page, words=[_moved(w, dy=pitch) for w in base.words])
    new = Row(page=base.page, words=words_at(template))
    out = rows[: after + 1] + [new]
    for row in rows[after + 1 :]:
        out.append(Row(row.page, [_moved(w, dy=pitch) for w in row.words]) if row.page == base.page else row)
    return out


def _replace_label(rows: Rows, anchor: Anchor, text: str) -> Rows:
    """The label's words replaced by `text`; the rest of the line moves by the change in width."""
    row = rows[anchor.line]
    words = row.words
    x0 = words[anchor.start].bbox[0]
    label = lay_out(text, x0, row)
    old_end = words[anchor.end - 1].bbox[0] + words[anchor.end - 1].bbox[2]
    new_end = label[-1].bbox[0] + label[-1].bbox[2]
    rest = [_moved(w, dx=new_end - old_end) for w in words[anchor.end :]]
    out = list(rows)
    out[anchor.line] = Row(row.page, words[: anchor.start] + label + rest)
    return out


def _label_text(rows: Rows, anchor: Anchor) -> str:
    return " ".join(w.text for w in rows[anchor.line].words[anchor.start : anchor.end])


def _has_colon(rows: Rows, anchor: Anchor) -> bool:
    return _label_text(rows, anchor).rstrip().endswith(":")


def synonym(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    choices = WORDING_SETS[ACTIVE["set"]][0].get(anchor.name)
    return _replace_label(rows, anchor, rng.choice(choices)) if choices else None


def abbreviate(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    choices = WORDING_SETS[ACTIVE["set"]][1].get(anchor.name)
    return _replace_label(rows, anchor, rng.choice(choices)) if choices else None


def drop_colon(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    if not _has_colon(rows, anchor):
        return None
    return _replace_label(rows, anchor, _label_text(rows, anchor).rstrip(":").rstrip())


def move_colon(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    """'Giới tính :Nam' (the colon read glued to the value) or 'Họ: và tên …' (after the first word)."""
    row = rows[anchor.line]
    if not _has_colon(rows, anchor) or anchor.end >= len(row.words):
        return None
    label = _label_text(rows, anchor).rstrip(":").split()
    if rng.random() < 0.5 or len(label) < 2:
        out = _replace_label(rows, anchor, " ".join(label))
        new_row = out[anchor.line]
        at = anchor.start + len(label)
        if at >= len(new_row.words):
            return None
        value = new_row.words[at]
        new_row.words[at] = msgspec.structs.replace(value, text=":" + value.text)
        return out
    return _replace_label(rows, anchor, " ".join([label[0] + ":", *label[1:]]))


def _value_end(doc: Document, anchor: Anchor) -> int:
    """Index of the last line of the field's value (the line before the next line opening with a label)."""
    end = anchor.line
    for index in range(anchor.line + 1, min(len(doc.lines), anchor.line + 5)):
        if doc.lines[index].page != doc.lines[anchor.line].page or doc.by_line.get(index):
            break
        end = index
    return end


def extra_line(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    """An office's own labelled line right after this field's line."""
    text = rng.choice(WORDING_SETS[ACTIVE["set"]][2])
    row = rows[anchor.line]
    x = row.words[0].bbox[0]
    return insert_row(rows, _value_end(doc, anchor), lambda r: lay_out(text, x, r))


def split_label_value(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    """The label alone on its line, the value on the line below (at the label's left edge)."""
    row = rows[anchor.line]
    following = [a.start for a in doc.by_line.get(anchor.line, []) if a.start >= anchor.end]
    end = min(following, default=len(row.words))
    value = row.words[anchor.end : end]
    if not value or end < len(row.words):
        return None  # another label to the right: its line cannot give this value a line of its own
    x0 = row.words[anchor.start].bbox[0]
    dx = x0 - value[0].bbox[0]
    kept = row.words[: anchor.end] + row.words[end:]
    out = list(rows)
    out[anchor.line] = Row(row.page, kept)
    return insert_row(out, anchor.line, lambda r: [_moved(w, dx=dx, dy=r.top - row.top) for w in value])


def two_on_line(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    """The next line's label and value printed on this field's line, after a short gap."""
    nxt = anchor.line + 1
    if nxt >= len(rows) or rows[nxt].page != rows[anchor.line].page or not doc.by_line.get(nxt):
        return None
    if doc.by_line.get(anchor.line, [anchor])[-1] is not anchor:
        return None
    row, below = rows[anchor.line], rows[nxt]
    last = row.words[-1]
    x = last.bbox[0] + last.bbox[2] + 3 * _space(row)
    dx = x - below.words[0].bbox[0]
    dy = row.top - below.top
    joined = Row(row.page, row.words + [_moved(w, dx=dx, dy=dy) for w in below.words])
    pitch = _pitch(rows, anchor.line)  # the lines below close up: no gap where the joined line was
    later = [
        Row(r.page, [_moved(w, dy=-pitch) for w in r.words]) if r.page == row.page else r
        for r in rows[nxt + 1 :]
    ]
    return rows[: anchor.line] + [joined] + later


def wrap_value(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    """The value's last words (from a capitalised word on) wrapped to the next line's left edge."""
    row = rows[anchor.line]
    following = [a.start for a in doc.by_line.get(anchor.line, []) if a.start >= anchor.end]
    end = min(following, default=len(row.words))
    if end != len(row.words) or end - anchor.end < 2:
        return None
    capitals = [i for i in range(anchor.end + 1, end) if row.words[i].text[:1].isupper()]
    if not capitals:
        return None
    cut = rng.choice(capitals)
    tail = row.words[cut:]
    x0 = row.words[0].bbox[0]
    dx = x0 - tail[0].bbox[0]
    out = list(rows)
    out[anchor.line] = Row(row.page, row.words[:cut])
    return insert_row(out, anchor.line, lambda r: [_moved(w, dx=dx, dy=r.top - row.top) for w in tail])


def wrap_label(rows: Rows, doc: Document, anchor: Anchor, rng: random.Random) -> Rows | None:
    """The label's last word(s), its colon and the value on the next line: 'Địa chỉ trụ sở hộ' /
    'kinh doanh: Số 12 …' (a label wrapped at the margin)."""
    row = rows[anchor.line]
    if anchor.end - anchor.start < 3 or anchor.start > 1 or not _has_colon(rows, anchor):
        return None
    cut = anchor.end - rng.choice((1, 2))
    tail = row.words[cut:]
    x0 = row.words[0].bbox[0]
    dx = x0 - tail[0].bbox[0]
    out = list(rows)
    out[anchor.line] = Row(row.page, row.words[:cut])
    return insert_row(out, anchor.line, lambda r: [_moved(w, dx=dx, dy=r.top - row.top) for w in tail])


KINDS: dict[str, Perturb] = {
    "synonym": synonym,
    "abbreviate": abbreviate,
    "drop_colon": drop_colon,
    "move_colon": move_colon,
    "extra_line": extra_line,
    "split_label_value": split_label_value,
    "two_on_line": two_on_line,
    "wrap_value": wrap_value,
    "wrap_label": wrap_label,
}
"""Every perturbation kind, by the name the report uses."""
