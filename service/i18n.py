"""Words on screen, Vietnamese first with an English switch (cookie `lang`), and on-screen formats.

The catalogue is one dict: key → (Vietnamese, English). Templates call `t("key")`; the browser scripts
get the `js.*` keys as JSON. A missing English text falls back to Vietnamese, a missing key shows the key
(so a gap is visible in a screenshot, not a crash). Dates are dd/mm/yyyy, money uses `.` for thousands.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

LANG_COOKIE = "lang"
LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

CATALOGUE: dict[str, tuple[str, str]] = {
    "app.name": ("Sổ đăng ký hộ kinh doanh", "Household Business Register"),
    "app.skip": ("Bỏ qua đến nội dung chính", "Skip to main content"),
    "nav.upload": ("Tải lên", "Upload"),
    "nav.review": ("Kiểm tra", "Review"),
    "nav.register": ("Sổ đăng ký", "Register"),
    "nav.dashboard": ("Tổng hợp", "Dashboard"),
    "dash.title": ("Tổng hợp sổ hộ kinh doanh", "Register summary"),
    "dash.commune": ("Mã xã/phường", "Commune code"),
    "dash.section": ("Ngành VSIC", "VSIC section"),
    "dash.as_of": ("Tính đến ngày", "As of"),
    "dash.filter": ("Lọc", "Filter"),
    "dash.total": ("Tổng số hộ kinh doanh:", "Household businesses in total:"),
    "dash.by_commune": ("Số hộ theo xã/phường", "Businesses by commune"),
    "dash.by_section": ("Số hộ theo ngành (ngành nghề chính)", "Businesses by sector (main line)"),
    "dash.by_status": ("Số hộ theo tình trạng", "Businesses by status"),
    "dash.new_by_month": ("Đăng ký mới theo tháng", "New registrations per month"),
    "dash.ended_by_month": ("Chấm dứt, thu hồi theo tháng", "Terminations and revocations per month"),
    "dash.none": ("Không có số liệu.", "No data."),
    "nav.logout": ("Đăng xuất", "Log out"),
    "nav.lang_other": ("English", "Tiếng Việt"),
    "nav.signed_in_as": ("Đang đăng nhập:", "Signed in as:"),
    "login.title": ("Đăng nhập", "Log in"),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.intro": (
        "Số hoá Giấy chứng nhận đăng ký hộ kinh doanh của xã, phường.",
        "Digitising the commune's household-business registration certificates.",
    ),
    "upload.title": ("Tải lên bản quét", "Upload scans"),
    "upload.drop": (
        "Kéo thả tệp hoặc cả thư mục vào đây (JPEG, PNG, TIFF, PDF)",
        "Drag and drop files or a whole folder here (JPEG, PNG, TIFF, PDF)",
    ),
    "upload.files": ("Chọn tệp", "Choose files"),
    "upload.folder": ("Chọn thư mục", "Choose a folder"),
    "upload.list": ("Tệp đang xử lý", "Files in progress"),
    "upload.col_file": ("Tệp", "File"),
    "upload.col_status": ("Trạng thái", "Status"),
    "upload.col_progress": ("Tiến độ", "Progress"),
    "upload.empty": ("Chưa có tệp nào trong lượt tải này.", "No files in this batch yet."),
    "upload.recent": ("Hồ sơ gần đây", "Recent documents"),
    "doc.approved": ("Đã duyệt", "Approved"),
    "doc.rejected": ("Đã từ chối", "Rejected"),
    "queue.title": ("Hồ sơ cần kiểm tra", "Documents to review"),
    "queue.intro": (
        "Sắp xếp theo mức rủi ro: hồ sơ có lỗi trước, rồi đến độ tin cậy thấp nhất.",
        "Ordered by risk: documents with errors first, then lowest confidence.",
    ),
    "queue.col_doc": ("Hồ sơ", "Document"),
    "queue.col_layout": ("Mẫu", "Template"),
    "queue.col_errors": ("Lỗi", "Errors"),
    "queue.col_fields": ("Trường cần xem", "Fields to check"),
    "queue.col_conf": ("Tin cậy thấp nhất", "Lowest confidence"),
    "queue.col_claim": ("Người đang kiểm tra", "Being reviewed by"),
    "queue.col_created": ("Ngày tải lên", "Uploaded"),
    "queue.empty": ("Không còn hồ sơ nào cần kiểm tra.", "Nothing left to review."),
    "queue.open": ("Mở", "Open"),
    "review.title": ("Kiểm tra hồ sơ", "Review document"),
    "review.fields": ("Các trường", "Fields"),
    "review.zoom_in": ("Phóng to", "Zoom in"),
    "review.zoom_out": ("Thu nhỏ", "Zoom out"),
    "review.fit": ("Vừa khung", "Fit"),
    "review.rotate": ("Xoay 90°", "Rotate 90°"),
    "review.rerun": ("Nhận dạng lại", "Re-run OCR"),
    "review.page": ("Trang", "Page"),
    "review.approve": ("Duyệt (Ctrl+Enter)", "Approve (Ctrl+Enter)"),
    "review.reject": ("Từ chối", "Reject"),
    "review.release": ("Trả lại hàng đợi", "Release"),
    "review.keys": (
        "Phím tắt: Tab/Shift+Tab chuyển giữa các trường nghi ngờ, ↑/↓ qua mọi trường, gõ để sửa, "
        "Enter xác nhận, Esc hoàn tác, Ctrl+Enter duyệt hồ sơ.",
        "Keys: Tab/Shift+Tab moves between doubtful fields, ↑/↓ through every field, type to edit, "
        "Enter accepts, Esc reverts, Ctrl+Enter approves the document.",
    ),
    "review.audit": ("Lịch sử chỉnh sửa", "Audit trail"),
    "review.crop": ("Vùng ảnh của trường", "Field crop"),
    "review.image": ("Ảnh bản quét", "Scan image"),
    "register.title": ("Sổ đăng ký hộ kinh doanh", "Household business register"),
    "register.search": ("Tìm kiếm", "Search"),
    "register.search_hint": (
        "Tên hộ kinh doanh, chủ hộ, địa chỉ hoặc mã số",
        "Business name, owner, address or identifier",
    ),
    "register.commune": ("Xã, phường", "Commune"),
    "register.status": ("Tình trạng", "Status"),
    "register.section": ("Ngành (mục VSIC)", "Sector (VSIC section)"),
    "register.any": ("Tất cả", "All"),
    "register.filter": ("Lọc", "Filter"),
    "register.export_xlsx": ("Xuất Excel", "Export Excel"),
    "register.export_csv": ("Xuất CSV", "Export CSV"),
    "register.export_hint": (
        "Tệp được tạo ở chế độ nền; sổ lớn có thể mất vài phút. Tệp tải được trong 24 giờ.",
        "The file is made in the background; a large register can take a few minutes. "
        "It can be downloaded for 24 hours.",
    ),
    "register.export_download": ("Tải tệp về", "Download the file"),
    "register.export_recent": ("Tệp xuất gần đây (tải được trong 24 giờ)", "Recent exports (kept 24 hours)"),
    "status.active": ("Đang hoạt động", "Active"),
    "status.suspended": ("Tạm ngừng", "Suspended"),
    "status.terminated": ("Chấm dứt", "Terminated"),
    "status.revoked": ("Bị thu hồi", "Revoked"),
    "business.title": ("Hộ kinh doanh", "Household business"),
    "business.current": ("Thông tin hiện tại", "Current data"),
    "business.history": ("Lịch sử thay đổi", "History"),
    "business.sources": ("Bản quét gốc", "Source scans"),
    "business.save": ("Ghi sự kiện", "Record event"),
    "business.event": ("Ghi sự kiện không kèm giấy chứng nhận", "Record an event without a certificate"),
    "business.kind": ("Sự kiện", "Event"),
    "business.kind.suspension": ("Tạm ngừng kinh doanh", "Suspension"),
    "business.kind.resumption": ("Hoạt động trở lại", "Resumption"),
    "business.kind.termination": ("Chấm dứt hoạt động", "Termination"),
    "business.kind.revocation": ("Thu hồi giấy chứng nhận", "Revocation"),
    "business.kind.reissue": ("Cấp lại giấy chứng nhận", "Re-issue"),
    "business.from": ("Từ ngày", "From"),
    "business.to": ("Đến ngày (nếu tạm ngừng)", "Until (for a suspension)"),
    "business.note": ("Ghi chú, số văn bản", "Note, document number"),
    "error.title": ("Có lỗi", "Error"),
    "error.403": ("Bạn không có quyền mở trang này.", "You may not open this page."),
    "error.404": ("Không tìm thấy trang này.", "Page not found."),
    "error.back": ("Về trang chính", "Back to the home page"),
    # Strings the browser scripts need (sent as JSON in every page).
    "js.uploading": ("Đang tải lên", "Uploading"),
    "js.uploaded": ("Đã tải lên", "Uploaded"),
    "js.duplicate": ("Đã có (tải lên trước đó)", "Already uploaded"),
    "js.rejected": ("Bị từ chối", "Rejected"),
    "js.failed": ("Không xử lý được", "Processing failed"),
    "js.step.queued": ("Đang chờ", "Queued"),
    "js.step.load": ("Đang đọc tệp", "Loading"),
    "js.step.preprocess": ("Đang xử lý ảnh", "Preprocessing"),
    "js.step.ocr": ("Đang nhận dạng chữ", "Reading text"),
    "js.step.extract": ("Đang trích xuất trường", "Extracting fields"),
    "js.step.validate": ("Đang kiểm tra dữ liệu", "Validating"),
    "js.step.store": ("Đang lưu", "Saving"),
    "js.step.done": ("Xong", "Done"),
    "js.status.ok": ("Đúng", "OK"),
    "js.status.needs_review": ("Cần xem", "Check"),
    "js.status.missing": ("Thiếu", "Missing"),
    "js.status.active": ("Đang hoạt động", "Active"),
    "js.status.suspended": ("Tạm ngừng", "Suspended"),
    "js.status.terminated": ("Chấm dứt", "Terminated"),
    "js.status.revoked": ("Bị thu hồi", "Revoked"),
    "js.confidence": ("Độ tin cậy", "Confidence"),
    "js.claimed_by": ("Hồ sơ này đang được {user} kiểm tra.", "{user} is reviewing this document."),
    "js.readonly": ("Chỉ xem.", "Read only."),
    "js.saved": ("Đã lưu.", "Saved."),
    "js.conflict": (
        "Dữ liệu đã bị người khác thay đổi. Hãy tải lại rồi thử lại.",
        "Someone else changed this. Reload and try again.",
    ),
    "js.error": ("Có lỗi:", "Error:"),
    "js.loading": ("Đang tải…", "Loading…"),
    "js.export_starting": ("Đang gửi yêu cầu xuất…", "Requesting the export…"),
    "js.export_queued": ("Đang chờ máy xử lý…", "Waiting for a worker…"),
    "js.export_running": (
        "Đang xuất: {done}/{total} hộ kinh doanh ({pct}%)",
        "Exporting: {done}/{total} businesses ({pct}%)",
    ),
    "js.export_done": ("Đã xong: {total} hộ kinh doanh.", "Done: {total} businesses."),
    "js.export_failed": ("Xuất không thành công:", "The export failed:"),
    "js.export_download": ("Tải về", "Download"),
    "js.export_rows": ("{total} hộ", "{total} businesses"),
    "js.export_commune_code": (
        "Để xuất theo xã/phường, hãy nhập mã xã/phường (chỉ gồm chữ số, ví dụ 26734).",
        "To export one commune, enter its code (digits only, e.g. 26734).",
    ),
    "js.none": ("Không có", "None"),
    "js.empty_results": ("Không có kết quả.", "No results."),
    "js.not_ready": (
        "Chức năng này chưa sẵn sàng trên máy chủ.",
        "This feature is not available on the server yet.",
    ),
    "js.preview_create": ("Sẽ tạo hộ kinh doanh mới.", "A new business will be created."),
    "js.preview_amend": ("Sẽ ghi thay đổi cho hộ kinh doanh {id}.", "Will amend business {id}."),
    "js.preview_human": (
        "Không tự ghép được với hộ kinh doanh nào; hãy chọn:",
        "Could not match a business automatically; choose one:",
    ),
    "js.confirm": ("Xác nhận duyệt", "Confirm approval"),
    "js.cancel": ("Huỷ", "Cancel"),
    "js.reject_reason": ("Lý do từ chối", "Reason for rejecting"),
    "js.reject_confirm": ("Từ chối hồ sơ", "Reject document"),
    "js.approved": ("Đã duyệt. Hộ kinh doanh:", "Approved. Business:"),
    "js.approved_pending": (
        "Đã duyệt. Hồ sơ sẽ vào sổ đăng ký khi chức năng sổ được cài đặt.",
        "Approved. It goes into the register once the register is installed.",
    ),
    "js.rejected_done": ("Đã từ chối hồ sơ.", "Document rejected."),
    "js.rerun_started": ("Đã gửi nhận dạng lại.", "OCR re-run requested."),
    "js.col_field": ("Trường", "Field"),
    "js.col_old": ("Giá trị OCR", "OCR value"),
    "js.col_new": ("Giá trị sửa", "Corrected value"),
    "js.general_findings": ("Cảnh báo chung của hồ sơ", "Findings about the whole document"),
    "js.acknowledge": ("Đã xem, vẫn chấp nhận", "Seen, accept anyway"),
    "js.blocked": ("Chưa thể duyệt.", "Cannot approve yet."),
    "js.blocked_fields": ("Còn trường cần kiểm tra:", "Fields still to check:"),
    "js.blocked_findings": ("Số lỗi chưa được xác nhận:", "Errors not yet acknowledged:"),
    "js.col_before": ("Trước", "Before"),
    "js.col_after": ("Sau", "After"),
    "js.col_user": ("Người sửa", "By"),
    "js.col_at": ("Lúc", "At"),
    "js.col_name": ("Tên hộ kinh doanh", "Business name"),
    "js.col_owner": ("Chủ hộ", "Owner"),
    "js.col_address": ("Địa chỉ", "Address"),
    "js.col_number": ("Mã số", "Number"),
    "js.col_status": ("Tình trạng", "Status"),
    "js.col_version": ("Phiên bản", "Version"),
    "js.col_valid": ("Hiệu lực từ", "Valid from"),
    "js.col_changes": ("Thay đổi", "Changes"),
    "js.no_business": ("Chưa có dữ liệu về hộ kinh doanh này.", "There is no data about this business yet."),
    "js.kind.first_registration": ("Đăng ký lần đầu", "First registration"),
    "js.kind.amendment": ("Đăng ký thay đổi", "Amendment"),
    "js.kind.reissue": ("Cấp lại", "Re-issue"),
    "js.kind.suspension": ("Tạm ngừng kinh doanh", "Suspension"),
    "js.kind.resumption": ("Hoạt động trở lại", "Resumption"),
    "js.kind.termination": ("Chấm dứt hoạt động", "Termination"),
    "js.kind.revocation": ("Thu hồi", "Revocation"),
    "js.event_saved": ("Đã ghi sự kiện.", "Event recorded."),
    "js.no_history": ("Chưa có lịch sử.", "No history yet."),
    "js.total": ("Tổng số:", "Total:"),
    "js.next": ("Trang sau", "Next page"),
    "js.prev": ("Trang trước", "Previous page"),
    "js.open_doc": ("Xem bản quét", "View scan"),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "registration_number": ("Mã số hộ kinh doanh / Số GCN", "Registration number"),
    "first_registered_on": ("Ngày đăng ký lần đầu", "First registered on"),
    "amendment_number": ("Đăng ký thay đổi lần thứ", "Amendment number"),
    "amended_on": ("Ngày đăng ký thay đổi", "Amended on"),
    "issuing_authority": ("Cơ quan cấp", "Issuing authority"),
    "business_name": ("Tên hộ kinh doanh", "Business name"),
    "address": ("Địa điểm kinh doanh", "Business address"),
    "phone": ("Điện thoại", "Phone"),
    "fax": ("Fax", "Fax"),
    "email": ("Email", "Email"),
    "website": ("Website", "Website"),
    "business_lines": ("Ngành, nghề kinh doanh", "Business lines"),
    "capital_vnd": ("Vốn kinh doanh (đồng)", "Capital (VND)"),
    "employees": ("Số lao động", "Employees"),
    "owner.full_name": ("Họ và tên chủ hộ", "Owner's full name"),
    "owner.gender": ("Giới tính", "Gender"),
    "owner.birth_date": ("Ngày sinh", "Birth date"),
    "owner.ethnicity": ("Dân tộc", "Ethnicity"),
    "owner.nationality": ("Quốc tịch", "Nationality"),
    "owner.id_type": ("Loại giấy tờ pháp lý", "ID type"),
    "owner.id_number": ("Số giấy tờ pháp lý", "ID number"),
    "owner.id_issued_on": ("Ngày cấp", "ID issued on"),
    "owner.id_issued_by": ("Nơi cấp", "ID issued by"),
    "owner.permanent_address": ("Nơi thường trú", "Permanent address"),
    "owner.current_address": ("Chỗ ở hiện tại", "Current address"),
    "members": ("Thành viên hộ gia đình", "Household members"),
}


def pick_lang(cookie: str | None, accept_language: str | None = None) -> str:
    """The cookie wins; otherwise Vietnamese (the users are commune officials), whatever the browser says."""
    return cookie if cookie in LANGS else DEFAULT_LANG


def translate(lang: str, key: str, **values: Any) -> str:
    pair = CATALOGUE.get(key) or FIELD_LABELS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" and pair[1] else pair[0]
    return text.format(**values) if values else text


def make_translator(lang: str) -> Callable[..., str]:
    def t(key: str, **values: Any) -> str:
        return translate(lang, key, **values)

    return t


def script_messages(lang: str) -> dict[str, str]:
    """The strings the browser scripts use, plus field labels (`field.<path>`)."""
    out = {key[3:]: translate(lang, key) for key in CATALOGUE if key.startswith("js.")}
    out.update({f"field.{path}": translate(lang, path) for path in FIELD_LABELS})
    return out


def format_date(value: dt.date | dt.datetime | str | None, with_time: bool = False) -> str:
    """dd/mm/yyyy (and HH:MM when asked); ISO strings are accepted, anything else is shown as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            parsed: dt.date | dt.datetime = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        value = parsed
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


def format_money(value: int | float | None) -> str:
    """150000000 → 150.000.000 (Vietnamese thousands separator)."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", ".")


def nfc(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)) if value is not None else ""


TEMPLATE_FILTERS: Mapping[str, Callable[..., str]] = {
    "date_vn": format_date,
    "money_vn": format_money,
    "nfc": nfc,
}
