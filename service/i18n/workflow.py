"""The words of the daily workflows: the clerk's uploads and their outcomes, the reviewer's keyboard
flow (reasons to reject, confidence in words), events on the business page. Key → (Vietnamese,
English), merged into `pages.CATALOGUE` (the `js.*` keys reach the scripts)."""

from __future__ import annotations

__all__ = ["REJECT_REASONS", "WORKFLOW_TEXT"]

OUTCOMES = {
    "working": ("Đang xử lý", "Processing"),
    "waiting_review": ("Đã đọc, chờ kiểm tra", "Read, waiting for review"),
    "layout_uncertain": ("Chưa chắc bố cục — cần kiểm tra", "Layout uncertain — to be checked"),
    "not_a_certificate": ("Không phải giấy chứng nhận", "Not a certificate"),
    "unreadable": ("Không đọc được", "Unreadable"),
    "failed": ("Lỗi xử lý", "Could not be processed"),
    "rejected": ("Bị từ chối khi kiểm tra", "Rejected by the reviewer"),
    "approved": ("Đã duyệt, vào sổ", "Approved, in the register"),
}
REASONS = {
    "not_a_certificate": (
        "Không nhận ra mẫu giấy chứng nhận đăng ký hộ kinh doanh trên tệp này. Kiểm tra lại giấy tờ.",
        "No household business registration certificate was recognised in this file. Check the paper.",
    ),
    "layout_uncertain": (
        "Giống giấy chứng nhận nhưng chỉ đọc được một phần (mờ, nhạt hoặc thiếu mục); "
        "cán bộ kiểm tra sẽ xem lại từng trường.",
        "Looks like a certificate but could be read only in part (blurred, faded or items missing); "
        "the reviewer checks every field.",
    ),
    "unreadable": (
        "Hầu như không đọc được chữ nào (trang trắng, quá mờ hoặc quá tối). Hãy quét lại.",
        "Almost no text could be read (a blank, blurred or dark page). Scan it again.",
    ),
    "failed": ("Không xử lý được tệp.", "The file could not be processed."),
    "empty_file": ("Tệp rỗng (0 byte).", "The file is empty."),
    "unsupported_type": ("Loại tệp không được hỗ trợ.", "Unsupported file type."),
    "corrupt_file": ("Tệp bị hỏng hoặc không đọc được đến hết.", "The file is damaged."),
    "encrypted_pdf": ("Tệp PDF có mật khẩu.", "The PDF is password protected."),
    "file_too_large": ("Tệp quá lớn.", "The file is too large."),
    "too_many_pixels": ("Ảnh quá lớn (số điểm ảnh).", "The image has too many pixels."),
    "too_many_pages": ("Tệp có quá nhiều trang.", "The file has too many pages."),
    "engine_error": ("Bộ nhận dạng chữ gặp lỗi; hãy báo quản trị.", "The OCR engine failed; tell the admin."),
    "tesseract_missing": ("Máy chủ chưa cài bộ nhận dạng chữ.", "The OCR engine is not installed."),
    "ocr_timeout": ("Nhận dạng chữ quá thời gian cho phép.", "OCR took too long."),
    "internal_error": ("Lỗi hệ thống khi xử lý; hãy báo quản trị.", "A system error; tell the admin."),
}
REJECT_REASONS = {
    "not_a_certificate": (
        "Không phải giấy chứng nhận đăng ký hộ kinh doanh",
        "Not a household business registration certificate",
    ),
    "unreadable": ("Bản quét mờ, không đọc được; đề nghị quét lại", "Unreadable scan; please scan again"),
    "incomplete": ("Thiếu trang hoặc bị cắt mất phần giấy", "Pages missing or the paper cut off"),
    "duplicate": ("Trùng với hồ sơ đã có", "A duplicate of an existing document"),
    "other": ("Lý do khác (ghi rõ bên dưới)", "Another reason (write it below)"),
}

WORKFLOW_TEXT: dict[str, tuple[str, str]] = {
    # the clerk's page
    "upload.batch": ("Lượt tải lên này", "This batch"),
    "upload.mine": ("Hồ sơ tôi đã tải lên", "My uploads"),
    "upload.filter_outcome": ("Kết quả", "Outcome"),
    "upload.filter_name": ("Tên tệp", "File name"),
    "upload.filter_all": ("Tất cả", "All"),
    "upload.col_uploaded": ("Tải lên lúc", "Uploaded"),
    "upload.col_outcome": ("Kết quả", "Outcome"),
    "upload.col_reason": ("Lý do / hộ kinh doanh", "Reason / business"),
    "upload.skipped_title": ("Tệp bỏ qua", "Skipped files"),
    "upload.clear": ("Xoá danh sách lượt này", "Clear this batch"),
    "js.upload.summary": ("{done}/{total} xong, {errors} lỗi", "{done}/{total} done, {errors} with problems"),
    "js.upload.summary_skipped": ("bỏ qua {skipped} tệp", "{skipped} files skipped"),
    "js.upload.skip_type": (
        "không phải ảnh (JPEG, PNG, TIFF) hay PDF",
        "not an image (JPEG, PNG, TIFF) or a PDF",
    ),
    "js.upload.skip_hidden": ("tệp ẩn của hệ thống", "a hidden system file"),
    "js.upload.skip_duplicate": (
        "trùng với hồ sơ #{id} đã tải lên trước đó",
        "the same as document #{id}, uploaded before",
    ),
    "js.upload.skip_same_batch": (
        "trùng nội dung với {name} trong lượt này",
        "the same content as {name} in this batch",
    ),
    "js.upload.interrupted": ("Chưa gửi xong: hãy chọn lại tệp này", "Not sent: choose this file again"),
    "js.upload.lang_wait": (
        "Sẽ đổi ngôn ngữ khi các tệp đã gửi xong.",
        "The language will switch once every file is sent.",
    ),
    "js.upload.range": ("{from}–{to} / {total}", "{from}–{to} of {total}"),
    "js.upload.business": ("Hộ kinh doanh #{id}", "Business #{id}"),
    "js.upload.reason_reviewer": ("Lý do: {reason}", "Reason: {reason}"),
    **{f"js.outcome.{k}": v for k, v in OUTCOMES.items()},
    **{f"js.reason.{k}": v for k, v in REASONS.items()},
    # the review screen
    "review.reject_key": ("Từ chối (Alt+R)", "Reject (Alt+R)"),
    "review.next": ("Hồ sơ tiếp theo", "Next document"),
    "review.keys_more": (
        "Alt+R từ chối (↑/↓ chọn lý do, Enter gửi). Sau khi duyệt hoặc từ chối, hồ sơ tiếp theo tự mở.",
        "Alt+R rejects (↑/↓ picks the reason, Enter sends). After approving or rejecting, the next document opens.",
    ),
    "js.review.to_queue": ("Về hàng đợi kiểm tra", "Back to the review queue"),
    "js.review.next_none": ("Không còn hồ sơ nào chờ kiểm tra.", "No document is waiting for review."),
    "js.review.reject_pick": ("Chọn lý do", "Choose a reason"),
    "js.review.reject_detail": ("Ghi chú thêm", "Details"),
    "js.review.conf_high": ("chắc chắn", "certain"),
    "js.review.conf_medium": ("khá chắc", "fairly sure"),
    "js.review.conf_low": ("không chắc", "unsure"),
    "js.review.conf_checked": ("đã kiểm tra bằng quy tắc", "confirmed by a rule"),
    "js.review.conf_doubt": ("bị nghi ngờ: {reason}", "doubted: {reason}"),
    "js.review.conf_missing": ("không tìm thấy trên giấy", "not found on the paper"),
    "js.review.conf_unread": ("chưa đọc được giá trị", "no value could be read"),
    **{f"js.reject.{k}": v for k, v in REJECT_REASONS.items()},
    # the business page
    "js.business.until": ("đến hết ngày {date}", "until {date} inclusive"),
    "js.business.scheduled": ("Đã lên lịch (chưa đến ngày)", "Scheduled (not yet in force)"),
    "js.business.note": ("Ghi chú:", "Note:"),
    "js.business.field.from": ("Từ ngày", "From"),
    "js.business.field.to": ("Đến ngày", "Until"),
    "js.business.bad_date": (
        "{field}: ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 31/12/2026).",
        "{field}: not a valid date; type it as dd/mm/yyyy (e.g. 31/12/2026).",
    ),
}
"""Merged into `service.i18n.pages.CATALOGUE`."""
