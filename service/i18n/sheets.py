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
    "IDENTIFIER_KINDS",
    "KINDS",
    "REGISTER_HEADERS",
    "SECTION_NAMES",
    "STATUSES",
    "STATUS_HEADING",
    "SUMMARY",
    "section_title",
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
IDENTIFIER_KINDS = {
    "registration_number_old": "Số đăng ký cũ",
    "tax_code": "Mã số thuế",
    "code_2025": "Mã số hộ kinh doanh (2025)",
    "other": "Mã khác",
}
"""The kinds of business_identifiers, as the "Các mã định danh" column names them."""
FILTER_LABELS = {
    "province": "Tỉnh/thành phố", "commune": "Xã/phường", "status": "Tình trạng",
    "section": "Ngành VSIC (phần/ngành cấp 2)", "registered_from": "Đăng ký từ ngày",
    "registered_to": "Đăng ký đến ngày", "changed_since": "Thay đổi từ ngày",
}  # fmt: skip
COVER = {
    "as_of": "Số liệu tính đến ngày",
    "today": "hôm nay",
    "exported_at": "Thời điểm xuất",
    "at": "{when} ({zone})",
    "zone_vn": "giờ Việt Nam",
    "no_place": "không có đơn vị hành chính nào tên như vậy",
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
    "sheet.chart_months": "Biểu đồ theo tháng",
    "sheet.chart_sections": "Biểu đồ theo ngành",
    "sheet.chart_communes": "Biểu đồ theo xã",
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

SECTION_NAMES: dict[str, tuple[str, str]] = {
    "A": ("Nông, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing"),
    "B": ("Khai khoáng", "Mining and quarrying"),
    "C": ("Công nghiệp chế biến, chế tạo", "Manufacturing"),
    "D": ("Điện, khí đốt, nước nóng, điều hoà", "Electricity, gas, steam and air conditioning"),
    "E": ("Cấp nước, xử lý rác thải, nước thải", "Water supply, waste and sewage"),
    "F": ("Xây dựng", "Construction"),
    "G": ("Bán buôn, bán lẻ; sửa chữa xe", "Wholesale and retail trade; vehicle repair"),
    "H": ("Vận tải, kho bãi", "Transport and storage"),
    "I": ("Dịch vụ lưu trú và ăn uống", "Accommodation and food services"),
    "J": ("Thông tin và truyền thông", "Information and communication"),
    "K": ("Tài chính, ngân hàng và bảo hiểm", "Finance, banking and insurance"),
    "L": ("Kinh doanh bất động sản", "Real estate"),
    "M": ("Chuyên môn, khoa học và công nghệ", "Professional, scientific and technical"),
    "N": ("Hành chính và dịch vụ hỗ trợ", "Administrative and support services"),
    "O": ("Đảng, đoàn thể, quản lý nhà nước", "Party, mass organisations, public administration"),
    "P": ("Giáo dục và đào tạo", "Education"),
    "Q": ("Y tế và trợ giúp xã hội", "Health and social work"),
    "R": ("Nghệ thuật, vui chơi và giải trí", "Arts, entertainment and recreation"),
    "S": ("Hoạt động dịch vụ khác", "Other service activities"),
    "T": ("Làm thuê trong hộ gia đình", "Activities of households as employers"),
    "U": ("Tổ chức và cơ quan quốc tế", "International organisations"),
}
"""Short names of the VSIC sections (the letters of register.model.section_of: VSIC 2018's), for
charts, the dashboard and the cover sheet, where the full names do not fit."""


def section_title(letter: str, lang: str = "vi") -> str:
    """ "G – Bán buôn, bán lẻ; sửa chữa xe"; an unknown section as it is."""
    names = SECTION_NAMES.get(letter.upper())
    if names is None:
        return letter
    return f"{letter.upper()} – {names[1] if lang == 'en' else names[0]}"
