"""The exported workbook's words (Vietnamese: the register is kept in Vietnamese): sheet names,
column headings, labels of statuses and version kinds, the cover sheet and the summary sheet."""

from __future__ import annotations

CAPITAL_HEADING = "Vốn kinh doanh (đồng)"
STATUS_HEADING = "Tình trạng"

__all__ = [
    "CAPITAL_HEADING",
    "COVER",
    "FILTER_LABELS",
    "HISTORY_HEADERS",
    "KINDS",
    "REGISTER_HEADERS",
    "STATUSES",
    "STATUS_HEADING",
    "SUMMARY",
]

REGISTER_HEADERS = [
    "Mã nội bộ", "Số đăng ký", "Các mã định danh", "Tên hộ kinh doanh", "Mã xã/phường (2025)",
    "Xã/phường (2025)", "Tỉnh/thành phố", "Địa chỉ (như in)", "Ngành nghề kinh doanh",
    CAPITAL_HEADING, "Số lao động", "Chủ hộ", "Số định danh chủ hộ", "Ngày/năm sinh chủ hộ",
    STATUS_HEADING, "Ngày đăng ký lần đầu", "Ngày thay đổi gần nhất", "Số lần thay đổi",
]  # fmt: skip
"""The columns of "Sổ theo dõi" (and of the CSV), one business a row."""

HISTORY_HEADERS = [
    "Mã nội bộ", "Loại", "Lần thay đổi", "Ngày hiệu lực", "Hiệu lực đến", STATUS_HEADING,
    "Tên hộ kinh doanh", CAPITAL_HEADING, "Mã xã/phường (2025)",
]  # fmt: skip
"""The columns of "Lịch sử thay đổi", one version a row."""

STATUSES = {
    "active": "Đang hoạt động",
    "suspended": "Tạm ngừng",
    "terminated": "Chấm dứt",
    "revoked": "Bị thu hồi",
}
KINDS = {
    "first_registration": "Đăng ký lần đầu", "amendment": "Đăng ký thay đổi", "reissue": "Cấp lại",
    "suspension": "Tạm ngừng", "resumption": "Tiếp tục kinh doanh", "termination": "Chấm dứt",
    "revocation": "Thu hồi",
}  # fmt: skip
FILTER_LABELS = {
    "province": "Tỉnh/thành phố (mã)", "commune": "Xã/phường (mã 2025)", "status": "Tình trạng",
    "section": "Ngành VSIC (phần/ngành cấp 2)", "registered_from": "Đăng ký từ ngày",
    "registered_to": "Đăng ký đến ngày", "changed_since": "Thay đổi từ ngày",
}  # fmt: skip
COVER = {
    "as_of": "Số liệu tính đến ngày",
    "today": "hôm nay",
    "exported_at": "Thời điểm xuất",
    "exported_by": "Người xuất",
    "cli": "hkd export (CLI)",
    "personal_data": "Dữ liệu cá nhân",
    "full": "đầy đủ",
    "masked": "đã che (Nghị định 13/2023)",
    "title": "Sổ đăng ký hộ kinh doanh",
    "count": "Số hộ kinh doanh",
}
SUMMARY = {
    "sheet.cover": "Thông tin",
    "sheet.register": "Sổ theo dõi",
    "sheet.history": "Lịch sử thay đổi",
    "sheet.summary": "Tổng hợp",
    "status": "Tình trạng",
    "count": "Số hộ",
    "capital": "Vốn (đồng)",
    "month": "Tháng",
    "new": "Đăng ký mới",
    "terminated": "Chấm dứt hoạt động",
    "revoked": "Bị thu hồi",
    "count_by_commune_section": "Số hộ theo xã/phường × ngành VSIC",
    "capital_by_commune_section": "Vốn (đồng) theo xã/phường × ngành VSIC",
    "commune": "Xã/phường",
    "section": "Ngành {section}",
    "total": "Tổng cộng",
    "chart.months": "Đăng ký mới và chấm dứt theo tháng",
    "chart.sections": "Số hộ theo ngành VSIC (ngành nghề chính)",
    "chart.communes": "Số hộ kinh doanh theo xã/phường",
    "unknown": "(chưa rõ)",
}
