"""Words the stranger certificates print: label wordings per generation, offices, trades, names, places.

Written apart from `samples/` on purpose (other wordings, other names, other streets, loanword trades),
from what real prints of each generation say: Decree 78/2015 forms and the older local prints still in
use then ("Số giấy chứng nhận ĐKHKD", "Số chứng minh nhân dân"), Decree 01/2021 / Circular 02/2023
forms, and Circular 68/2025 forms. Nothing here was chosen by looking at what the extractor reads.
"""

from __future__ import annotations

NUMBER_LABELS = {
    "2015": ("Số", "Số", "Số giấy chứng nhận ĐKHKD", "Số ĐKKD", "Số GCN ĐKHKD"),
    "2021": ("Mã số hộ kinh doanh", "Mã số hộ kinh doanh", "Mã số HKD", "Mã số đăng ký hộ kinh doanh"),
    "2025": ("Mã số hộ kinh doanh", "Mã số hộ kinh doanh", "Mã số HKD"),
}
FIRST_DATE_LABELS = ("Đăng ký lần đầu", "Đăng ký lần đầu", "Ngày đăng ký lần đầu", "Cấp lần đầu")
AMEND_LABELS = (
    "Đăng ký thay đổi lần thứ",
    "Đăng ký thay đổi lần thứ",
    "Thay đổi lần thứ",
    "Đăng ký thay đổi lần",
)

NAME_LABELS = {
    "2015": ("Tên hộ kinh doanh", "TÊN HỘ KINH DOANH", "Tên hộ kinh doanh (ghi bằng chữ in hoa)"),
    "2021": ("Tên hộ kinh doanh", "Tên hộ kinh doanh (ghi bằng chữ in hoa)", "TÊN HỘ KINH DOANH"),
    "2025": ("Tên hộ kinh doanh viết bằng tiếng Việt", "Tên hộ kinh doanh", "TÊN HỘ KINH DOANH"),
}
ADDRESS_LABELS = {
    "2015": ("Địa điểm kinh doanh", "Địa chỉ kinh doanh", "Địa chỉ địa điểm kinh doanh"),
    "2021": ("Địa chỉ trụ sở hộ kinh doanh", "Địa điểm kinh doanh", "Địa chỉ trụ sở"),
    "2025": ("Trụ sở của hộ kinh doanh", "Địa chỉ trụ sở hộ kinh doanh", "Trụ sở hộ kinh doanh"),
}
PHONE_LABELS = ("Điện thoại", "Điện thoại", "ĐT", "Số điện thoại", "Điện thoại liên hệ")
EMAIL_LABELS = ("Email", "E-mail", "Thư điện tử")
WEBSITE_LABELS = ("Website", "Website", "Trang thông tin điện tử")
LINES_LABELS = ("Ngành, nghề kinh doanh", "NGÀNH, NGHỀ KINH DOANH", "Ngành nghề kinh doanh",
                "Ngành, nghề đăng ký kinh doanh")  # fmt: skip
CAPITAL_LABELS = ("Vốn kinh doanh", "Vốn kinh doanh", "Tổng số vốn kinh doanh", "Vốn kinh doanh đăng ký")
EMPLOYEE_LABELS = ("Số lượng lao động", "Số lao động", "Tổng số lao động")
SUBJECT_LABEL = "Chủ thể thành lập hộ kinh doanh"

OWNER_HEADINGS = ("Thông tin về chủ hộ kinh doanh", "Chủ hộ kinh doanh", "THÔNG TIN CHỦ HỘ KINH DOANH")
OWNER_NAME_2015 = ("Họ và tên đại diện hộ kinh doanh", "Họ tên chủ hộ kinh doanh", "Chủ hộ kinh doanh",
                   "Họ và tên người đại diện")  # fmt: skip
PERSON_NAME_LABELS = ("Họ và tên", "Họ và tên", "Họ, chữ đệm và tên", "Họ tên")
BIRTH_LABELS = ("Sinh ngày", "Ngày sinh", "Ngày, tháng, năm sinh")
ID_TYPE_LINES = {
    "2015": ("Loại giấy tờ chứng thực cá nhân", "Giấy tờ tùy thân", "Giấy tờ tuỳ thân"),
    "2021": ("Loại giấy tờ pháp lý của cá nhân", "Loại giấy tờ pháp lý của cá nhân", "Loại giấy tờ tùy thân"),
    "2025": ("Loại giấy tờ pháp lý của cá nhân", "Loại giấy tờ pháp lý của cá nhân"),
}
ID_NUMBER_WITH_TYPE = {
    "2015": ("Số giấy chứng thực cá nhân", "Số giấy tờ chứng thực cá nhân", "Số"),
    "2021": ("Số giấy tờ pháp lý của cá nhân", "Số giấy tờ pháp lý của cá nhân", "Số"),
    "2025": ("Số giấy tờ pháp lý của cá nhân", "Số giấy tờ pháp lý của cá nhân"),
}
ID_LABEL_ONLY: tuple[tuple[str, str | None, int | None], ...] = (
    ("Số chứng minh nhân dân", "Chứng minh nhân dân", 9),
    ("Số CMND", "Chứng minh nhân dân", 9),
    ("CMND số", "Chứng minh nhân dân", 9),
    ("Số thẻ căn cước công dân", "Thẻ căn cước công dân", 12),
    ("Căn cước công dân số", "Căn cước công dân", 12),
    ("Số CCCD", "Căn cước công dân", 12),
    ("Số thẻ căn cước", "Thẻ căn cước", 12),
    ("Số CMND/CCCD", None, None),  # the number's length says which: 9 → CMND, 12 → CCCD
)
"""(label, the kind it names, the digits it implies) for forms with no "Loại giấy tờ" line."""
PERSONAL_ID_LABEL = "Số định danh cá nhân"  # Circular 68/2025: names no card kind → id_type is null
ISSUE_PAIRS = (("Ngày cấp", "Nơi cấp"), ("Ngày cấp", "Nơi cấp"), ("Ngày cấp", "Cơ quan cấp"),
               ("Cấp ngày", "Nơi cấp"), ("Cấp ngày", "Tại"))  # fmt: skip
PERMANENT_LABELS = {
    "2015": ("Nơi đăng ký hộ khẩu thường trú", "Hộ khẩu thường trú", "Địa chỉ thường trú"),
    "2021": ("Địa chỉ thường trú", "Nơi đăng ký hộ khẩu thường trú", "Nơi thường trú"),
    "2025": ("Nơi thường trú", "Địa chỉ thường trú"),
}
CURRENT_LABELS = {
    "2015": ("Chỗ ở hiện tại", "Nơi ở hiện nay"),
    "2021": ("Địa chỉ liên lạc", "Chỗ ở hiện tại", "Nơi ở hiện tại"),
    "2025": ("Nơi ở hiện tại", "Địa chỉ liên lạc"),
}
SAME_AS = ("Như trên", "Như địa chỉ thường trú", "Như nơi thường trú")
MEMBER_HEADINGS = {
    "2015": ("Danh sách cá nhân góp vốn thành lập hộ kinh doanh", "Danh sách thành viên hộ gia đình"),
    "2021": ("Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh",
             "Danh sách thành viên hộ gia đình đăng ký hộ kinh doanh"),
    "2025": ("Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh",),
}  # fmt: skip
MEMBER_NAME_HEADERS = ("Họ và tên", "Họ tên", "Họ, chữ đệm và tên")
MEMBER_BIRTH_HEADERS = ("Ngày, tháng, năm sinh", "Ngày sinh", "Năm sinh")
MEMBER_ID_HEADERS = ("Số định danh cá nhân", "Số CMND/CCCD", "Số giấy tờ pháp lý của cá nhân",
                     "Số giấy tờ chứng thực cá nhân")  # fmt: skip
MEMBER_ADDRESS_HEADERS = ("Nơi đăng ký hộ khẩu thường trú", "Địa chỉ thường trú", "Nơi thường trú")
TRADE_TABLE_HEADERS = (
    ("STT", "Tên ngành, nghề kinh doanh"),
    ("STT", "Tên ngành, nghề kinh doanh", "Mã ngành"),
    ("Mã ngành", "Tên ngành, nghề kinh doanh"),
    ("STT", "Mã ngành", "Tên ngành, nghề kinh doanh", "Ghi chú"),
    ("STT", "Tên ngành", "Mã ngành (VSIC)"),
)

OFFICES_PRE2025 = ("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "PHÒNG TÀI CHÍNH - KẾ HOẠCH", "PHÒNG TÀI CHÍNH – KẾ HOẠCH",
                   "PHÒNG KINH TẾ", "PHÒNG KINH TẾ VÀ HẠ TẦNG")  # fmt: skip
OFFICES_2025_WARD = ("PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ",)
OFFICES_2025_COMMUNE = ("PHÒNG KINH TẾ",)
COMMITTEE_WORDS = ("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND")
MOTTO_TOP = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
MOTTO_BOTTOM = ("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")
TITLES = ("GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",)
SIGNERS = (("TRƯỞNG PHÒNG",), ("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"), ("Q. TRƯỞNG PHÒNG",))
COMMITTEE_SIGNERS = (
    ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
)

# (name head, VSIC 2018 codes, VSIC 2025 codes, free-text trades some 2015 prints use)
KINDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("SALON TÓC", ("9631",), ("9621", "9622"), ("Cắt tóc, gội đầu, uốn, nhuộm tóc",)),
    ("HAIR SALON", ("9631",), ("9621",), ("Dịch vụ cắt tóc nam, nữ",)),
    ("SPA", ("9610", "9631"), ("9623", "9622"), ("Chăm sóc da mặt; gội đầu dưỡng sinh",)),
    ("NAIL", ("9631",), ("9622",), ("Làm móng tay, móng chân",)),
    ("STUDIO ẢNH", ("7420",), ("7420",), ("Chụp ảnh, quay phim, in ảnh",)),
    ("STUDIO ÁO CƯỚI", ("7420", "9633"), ("7420", "9690"), ("Chụp ảnh cưới; cho thuê áo cưới",)),
    ("KARAOKE", ("9329",), ("9329",), ("Kinh doanh dịch vụ karaoke",)),
    ("GARA Ô TÔ", ("4520", "4530"), ("9531", "4782"), ("Sửa chữa, bảo dưỡng ô tô",)),
    ("MINI MART", ("4711", "4722", "4723"), ("4711", "4722", "4723"), ("Bán lẻ hàng tiêu dùng",)),
    ("COFFEE", ("5630",), ("5630",), ("Kinh doanh cà phê, nước giải khát",)),
    ("HOMESTAY", ("5510", "5590"), ("5520", "5590"), ("Cho thuê phòng lưu trú ngắn ngày",)),
    ("MOTEL", ("5510",), ("5520",), ("Kinh doanh nhà nghỉ",)),
    ("BAKERY", ("1071", "4722"), ("1071", "4722"), ("Sản xuất, bán bánh mì, bánh ngọt",)),
    ("SHOP", ("4771",), ("4771",), ("Mua bán quần áo thời trang",)),
    ("BOUTIQUE", ("4771", "4772"), ("4771", "4772"), ("Mua bán quần áo, túi xách, mỹ phẩm",)),
    ("GYM", ("9311",), ("9311",), ("Phòng tập thể hình",)),
    ("TẠP HOÁ", ("4711", "4719"), ("4711", "4719"), ("Bán tạp hoá", "Bán rượu, bia, thuốc lá")),
    ("CỬA HÀNG TẠP HÓA", ("4711",), ("4711",), ("Buôn bán tạp hóa",)),
    ("QUÁN BÚN BÒ", ("5610",), ("5610",), ("Kinh doanh ăn uống",)),
    ("NHÀ HÀNG", ("5610", "5630"), ("5610", "5630"), ("Kinh doanh nhà hàng ăn uống",)),
    ("CƠ SỞ MAY MẶC", ("1410",), ("1410",), ("May gia công quần áo",)),
    ("ĐẠI LÝ NÔNG SẢN", ("4620",), ("4620",), ("Thu mua cà phê, hồ tiêu, nông sản",)),
    ("VẬN TẢI", ("4931",), ("4931",), ("Vận tải hành khách bằng xe taxi, xe hợp đồng",)),
    ("XE MÁY", ("4541", "4542", "4543"), ("4783", "9532"), ("Mua bán, sửa chữa xe máy",)),
    ("VẬT TƯ NÔNG NGHIỆP", ("4773", "4620"), ("4773", "4620"), ("Bán phân bón, thuốc bảo vệ thực vật",)),
    ("ĐỒ GỖ MỸ NGHỆ", ("1629", "4759"), ("1629", "4759"), ("Sản xuất, mua bán đồ gỗ",)),
    ("THỦY SẢN", ("4632", "1020"), ("4632", "1020"), ("Mua bán cá, tôm, hải sản",)),
)
EXTRA_CODES = ("4711", "4719", "4722", "4723", "4724", "5610", "5630", "4771", "4772", "4773", "4759",
               "9522", "9529", "4761", "4620", "4931", "1410", "9610", "4512", "4762")  # fmt: skip
DETAILS = {
    "4711": ("bán tạp hóa", "bán tạp hoá, nước giải khát"),
    "4719": ("bán tạp hóa",),
    "4722": ("bán lẻ thịt, cá",),
    "4723": ("bán nước giải khát",),
    "5610": ("bán cơm, phở",),
    "9631": ("cắt tóc, gội đầu",),
    "9621": ("cắt tóc, gội đầu",),
    "4771": ("bán quần áo may sẵn",),
}
"""Local prints sometimes follow a VSIC name with "(Chi tiết: …)"; the whole item is the printed name."""
NAME_WORDS = ("HOA", "MINH ANH", "THỦY TIÊN", "THUỶ TIÊN", "HÒA BÌNH", "HOÀ BÌNH", "PHÚ QUÝ", "AN KHANG",
              "KIM NGÂN", "NGỌC TRÂM", "THUÝ", "HOÀ", "HỒNG NHUNG", "BẢO CHÂU", "TÂM", "68", "79")  # fmt: skip

SURNAMES = (("Nguyễn", 30), ("Trần", 10), ("Lê", 8), ("Phạm", 6), ("Hoàng", 4), ("Huỳnh", 4), ("Vũ", 3),
            ("Võ", 3), ("Phan", 3), ("Trương", 2), ("Bùi", 2), ("Đặng", 2), ("Đỗ", 2), ("Ngô", 2),
            ("Hồ", 2), ("Dương", 1), ("Đinh", 1), ("Đào", 1), ("Hà", 1), ("Tô", 1), ("Lưu", 1),
            ("Khúc", 1), ("Thái", 1), ("Mạc", 1), ("Ông", 1), ("Triệu", 1), ("La", 1), ("Doãn", 1),
            ("Âu", 1), ("Thạch", 1), ("Lữ", 1), ("Khổng", 1))  # fmt: skip
MIDDLES_MALE = ("Văn", "Văn", "Hữu", "Đức", "Quang", "Công", "Thế", "Duy", "Trung", "Xuân", "Bảo", "Nhật")
MIDDLES_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thúy", "Thuý", "Hoài", "Diệu", "Tường", "Quỳnh", "Mai")
GIVEN_MALE = ("Hòa", "Hoà", "Thụy", "Thuỵ", "Khoa", "Tưởng", "Thưởng", "Hỷ", "Ưng", "Chiến", "Nghĩa",
              "Quyết", "Huỳnh", "Hoạt", "Luận", "Ngạn", "Khuê", "Triều", "Sỹ", "Vỹ", "Lực", "Tường")  # fmt: skip
GIVEN_FEMALE = ("Thủy", "Thuỷ", "Thúy", "Thuý", "Hòa", "Hoà", "Uyển", "Nguyệt", "Quỳnh", "Chiêu", "Nhạn",
                "Ngữ", "Hường", "Trâm", "Xoan", "Duyên", "Thoa", "Huệ", "Mận", "Yến", "Khuyên")  # fmt: skip
SPECIAL_NAMES = (("H'Nhi Niê", "Nữ"), ("Y Bih Êban", "Nam"), ("Thạch Thị Sa Ly", "Nữ"), ("Danh Sơn", "Nam"),
                 ("Lâm Chí Cường", "Nam"), ("Sầm Thị Mỷ", "Nữ"))  # fmt: skip
ETHNICITIES = (("Kinh", 85), ("Tày", 2), ("Thái", 2), ("Mường", 2), ("Khmer", 2), ("Hoa", 2), ("Nùng", 1),
               ("Ê Đê", 1), ("Gia Rai", 1), ("Sán Dìu", 1), ("Chăm", 1))  # fmt: skip

STREETS = ("Nguyễn Văn Linh", "Lê Văn Sỹ", "Hoàng Hoa Thám", "Đinh Tiên Hoàng", "Phan Bội Châu",
           "Nguyễn Đình Chiểu", "Trần Quốc Toản", "Tô Hiến Thành", "Ông Ích Khiêm", "Nguyễn Tri Phương",
           "Lương Ngọc Quyến", "Bà Triệu", "Hàm Nghi", "Phạm Ngũ Lão", "Hoà Bình", "Thuỷ Lợi",
           "30 Tháng 4", "3 Tháng 2", "Quốc lộ 1A", "Tỉnh lộ 10", "Nguyễn Sinh Sắc", "Hùng Vương",
           "Mai Hắc Đế", "Kim Đồng", "Nơ Trang Long", "Y Jút", "Lý Tự Trọng", "Trưng Nữ Vương")  # fmt: skip
HAMLET_KINDS_NORTH = ("Thôn", "Thôn", "Xóm", "Tổ dân phố", "Bản", "Làng")
HAMLET_KINDS_SOUTH = ("Ấp", "Ấp", "Khóm", "Khu phố", "Tổ", "Buôn")
HAMLET_NAMES = ("Hoà Mỹ", "Tân Hòa", "Thuỷ Tú", "Phú Thủy", "Đông Hoà", "Nà Lầu", "Ko Sier", "Mỹ Lợi",
                "Bình Thuỷ", "Trung Hòa", "Hạ Long", "Cầu Mới")  # fmt: skip
UNIT_ABBREVIATIONS = (("Phường ", "P. "), ("Xã ", "X. "), ("Thị trấn ", "TT. "), ("Quận ", "Q. "),
                      ("Huyện ", "H. "), ("Thị xã ", "TX. "), ("Thành phố ", "TP. "), ("Tỉnh ", "T. "))  # fmt: skip

CMND_ISSUERS = ("Công an tỉnh {p}", "Công an tỉnh {p}", "CA tỉnh {p}")
CMND_ISSUERS_CITY = ("Công an thành phố {p}", "Công an TP. {p}", "CA TP {p}")
CCCD_ISSUERS_OLD = ("Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư",
                    "Cục trưởng Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư")  # fmt: skip
CCCD_ISSUERS_NEW = ("Cục Cảnh sát quản lý hành chính về trật tự xã hội", "Cục Cảnh sát QLHC về TTXH",
                    "Cục trưởng Cục Cảnh sát QLHC về TTXH")  # fmt: skip
CAN_CUOC_ISSUERS = ("Bộ Công an", "Bộ Công An")
MAIL_DOMAINS = ("gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "icloud.com", "yahoo.com.vn")
