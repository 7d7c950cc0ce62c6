"""An application form's heading is worth a sure boundary only where a form prints it (at the top) and
on a page with none of a certificate's signs (member table, signature block): a continuation that
quotes "giấy đề nghị" or reads like "kính gửi" stays in its certificate, flagged. Words are written
here, with their boxes; nothing is read."""

from __future__ import annotations

from ocr.batch.classify import UNSURE, OtherKind, PageKind, decide_from_words
from ocr.batch.split import split_pages
from ocr.results import Word

HEIGHT = 2100  # an A4 page at the reading scale (0.6 of 300 dpi)


def page(*lines: tuple[float, str]) -> list[Word]:
    """Words of lines at a share of the page's height, one line each."""
    words = []
    for number, (share, line) in enumerate(lines):
        x = 120
        for text in line.split():
            words.append(Word(text, 92.0, (x, round(share * HEIGHT), 18 * len(text), 30), number, 1))
            x += 18 * len(text) + 20
    return words


MEMBERS = [  # the table goes on from the page before: no annex title above it
    (0.10, "STT Họ và tên Ngày sinh Giới tính Số định danh cá nhân Nơi thường trú"),
    (0.14, "1 Nguyễn Văn An 12/03/1980 Nam 079080001234 Xã Tân Phú"),
    (0.18, "2 Trần Thị Bình 05/07/1984 Nữ 079184005678 Xã Tân Phú"),
]
SIGNATURE = [(0.70, "KT. TRƯỞNG PHÒNG"), (0.73, "PHÓ TRƯỞNG PHÒNG"), (0.85, "Lê Văn Cường")]
FORM = [
    (0.04, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (0.07, "Độc lập - Tự do - Hạnh phúc"),
    (0.13, "GIẤY ĐỀ NGHỊ"),
    (0.16, "Đăng ký hộ kinh doanh"),
    (0.20, "Kính gửi: Phòng Tài chính - Kế hoạch"),
    (0.24, "Tôi là: Nguyễn Văn An"),
    (0.28, "Số định danh cá nhân: 079080001234"),
    (0.40, "Tôi cam kết về tính hợp pháp, chính xác, trung thực của nội dung đề nghị đăng ký nêu trên."),
    (0.50, "NGƯỜI ĐỀ NGHỊ"),
]


def test_a_form_with_its_heading_at_the_top_is_still_a_sure_form() -> None:
    got = decide_from_words(page(*FORM), HEIGHT)
    assert (got.kind, got.other, got.confidence) == (PageKind.OTHER, OtherKind.APPLICATION_FORM, 0.9)


def test_a_continuation_quoting_the_application_is_not_a_sure_form() -> None:
    """The member table and the signature block, with "theo giấy đề nghị" in a sentence between."""
    quoted = (0.40, "Cấp theo giấy đề nghị đăng ký hộ kinh doanh của người đề nghị ngày 12/05/2021")
    got = decide_from_words(page(*MEMBERS, quoted, *SIGNATURE), HEIGHT)
    assert got.kind == PageKind.CONTINUATION and got.confidence < UNSURE
    assert "certificate_signs" in got.reasons


def test_a_form_heading_at_the_top_of_a_page_with_a_member_table_stays_in_its_certificate() -> None:
    table = (0.50, "Các thành viên hộ gia đình tham gia thành lập hộ kinh doanh")
    got = decide_from_words(page((0.05, "Kính gửi: Phòng Tài chính - Kế hoạch"), *MEMBERS, table), HEIGHT)
    assert got.kind == PageKind.CONTINUATION and got.confidence < UNSURE


def test_a_form_heading_only_low_on_the_page_is_a_flagged_boundary() -> None:
    lines = [(share + 0.45, line) for share, line in FORM[2:]]  # below a letter's worth of other text
    got = decide_from_words(page((0.05, "Ghi chú của cán bộ tiếp nhận hồ sơ"), *lines), HEIGHT)
    assert got.kind == PageKind.OTHER and got.other == OtherKind.APPLICATION_FORM
    assert got.confidence < UNSURE and "heading_not_at_top" in got.reasons


def test_the_quoting_continuation_stays_in_its_certificate_flagged() -> None:
    first = decide_from_words(page((0.04, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (0.07, "Độc lập - Tự do - Hạnh phúc"),
                                   (0.14, "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH")), HEIGHT)  # fmt: skip
    quoted = (0.40, "Cấp theo giấy đề nghị của hộ kinh doanh")
    second = decide_from_words(page(*MEMBERS, quoted, *SIGNATURE), HEIGHT)
    split = split_pages([first, second])
    assert [d.pages for d in split.documents] == [[1, 2]]
    assert split.documents[0].uncertain


def test_a_signature_block_below_the_band_read_counts_when_the_whole_page_was_read() -> None:
    band = page((0.05, "Kính gửi: Phòng Tài chính - Kế hoạch"), (0.12, "Tên hộ kinh doanh: Tạp hóa An"))
    alone = decide_from_words(band, HEIGHT)
    assert alone.kind == PageKind.OTHER and alone.confidence == 0.9
    whole = decide_from_words(band, HEIGHT, page_words=band + page(*SIGNATURE))
    assert whole.kind == PageKind.CONTINUATION and whole.confidence < UNSURE


def test_a_first_page_whose_title_was_lost_is_a_first_page_by_its_registration_line() -> None:
    """A seal or faded toner over the title and the national header (the folded words match neither),
    but the first-registration line under them is read: a first page, flagged for the clerk."""
    damaged = page(
        (0.03, "NHÂN DÂN CỘNG HÒA X. °HẦU THÀNH"),
        (0.06, "Độc lập HÍNH - KẾ HOẠCH ——"),
        (0.12, ".4Y CHỨNG NHẬN ĐĂNG KÝ HỘ KINH ."),
        (0.16, "Số: 84.X8.106233"),
        (0.19, "Đăng ký lần đầu, ngày 27/05/2018"),
    )
    got = decide_from_words(damaged, HEIGHT)
    assert got.kind == PageKind.CERTIFICATE_FIRST and "registration_line" in got.reasons
    assert got.confidence < UNSURE  # the boundary is shown to the clerk first


def test_a_continuation_without_the_registration_line_stays_a_continuation() -> None:
    got = decide_from_words(page(*MEMBERS), HEIGHT)
    assert got.kind == PageKind.CONTINUATION
