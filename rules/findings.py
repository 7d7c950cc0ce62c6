"""Every finding code with its severity and its Vietnamese and English message, and the one constructor.

Three kinds of finding, one table each: the record rules (`RECORD_RULES`, made from the record alone
by the rules of rules.record), the extraction's evidence (`EVIDENCE`, made by ocr/ from what the record no
longer holds: the capital in words, an implausible year as read; `DOCUMENT`: an unrecognised page)
and the register's (`REGISTER`, made when an approved record is placed in a business's history). Every
finding is made by `make_finding(code, field, **values)`, which fills the placeholders. Reviewers read
the Vietnamese text; it names the field and says what to check. Pure data, no I/O.
"""

from __future__ import annotations

from schemas.record import Finding, Severity

__all__ = ["DOCUMENT", "EVIDENCE", "MESSAGES", "RECORD_RULES", "REGISTER", "make_finding"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RECORD_RULES: dict[str, tuple[Severity, str, str]] = {
    # personal ID numbers
    "id_number.not_digits": (
        E,
        "Số giấy tờ tùy thân chỉ được gồm chữ số.",
        "The ID number must contain digits only.",
    ),
    "id_number.length": (
        E,
        "Số định danh cá nhân phải có 12 chữ số (CMND cũ: 9 chữ số), số đọc được có {length} chữ số.",
        "A personal ID number has 12 digits (old CMND: 9); this one has {length}.",
    ),
    "id_number.province_unknown": (
        E,
        "Mã tỉnh {prefix} ở 3 chữ số đầu của số định danh không có trong danh mục.",
        "The province prefix {prefix} of the ID number is not in the province code list.",
    ),
    "id_number.gender_mismatch": (
        E,
        "Chữ số thứ 4 của số định danh ({digit}) không khớp với giới tính {gender}.",
        "The 4th digit of the ID number ({digit}) does not match the gender {gender}.",
    ),
    "id_number.century_mismatch": (
        E,
        "Chữ số thứ 4 của số định danh ({digit}) không khớp với thế kỷ của năm sinh {year}.",
        "The 4th digit of the ID number ({digit}) does not match the century of birth year {year}.",
    ),
    "id_number.birth_year_mismatch": (
        E,
        "Chữ số thứ 5–6 của số định danh ({digits}) không khớp với năm sinh {year}.",
        "Digits 5–6 of the ID number ({digits}) do not match birth year {year}.",
    ),
    "id_number.type_mismatch": (
        W,
        "Loại giấy tờ là {id_type} nhưng số có {length} chữ số.",
        "The ID type is {id_type} but the number has {length} digits.",
    ),
    # registration number, tax code
    "registration_number.format": (
        E,
        "Số đăng ký “{value}” không đúng dạng của mẫu giấy chứng nhận {era} ({expected}).",
        "Registration number “{value}” does not fit the {era} certificate form ({expected}).",
    ),
    "registration_number.tax_code_checksum": (
        E,
        "Mã số hộ kinh doanh “{value}” sai chữ số kiểm tra của mã số thuế.",
        "Business code “{value}” fails the tax-code check digit.",
    ),
    "registration_number.owner_id_mismatch": (
        E,
        "Mã số hộ kinh doanh phải trùng số định danh cá nhân của chủ hộ ({owner_id}).",
        "The business code must equal the owner's personal ID number ({owner_id}).",
    ),
    # contact
    "phone.format": (
        E,
        "Số điện thoại “{value}” không phải số di động (10 số, đầu 03/05/07/08/09) "
        "hay số cố định có mã vùng.",
        "Phone “{value}” is neither a mobile number (10 digits, 03/05/07/08/09) "
        "nor a landline with an area code.",
    ),
    "phone.old_mobile_number": (
        INFO,
        "Số di động 11 số cũ; từ năm 2018 là {new_number}.",
        "Old 11-digit mobile number; since 2018 it is {new_number}.",
    ),
    "phone.pre2017_area_code": (
        W,
        "Số “{value}” có dạng số cố định theo mã vùng cũ (trước năm 2017): kiểm tra lại.",
        "“{value}” looks like a landline number with a pre-2017 area code: check it.",
    ),
    "fax.format": (
        W,
        "Số fax “{value}” không phải số cố định có mã vùng.",
        "Fax “{value}” is not a landline number with an area code.",
    ),
    "email.format": (
        E,
        "Địa chỉ thư điện tử “{value}” không hợp lệ.",
        "E-mail address “{value}” is not valid.",
    ),
    # dates
    "dates.in_future": (E, "Ngày {value} ở tương lai.", "Date {value} is in the future."),
    "dates.birth_after_id_issue": (
        E,
        "Ngày cấp giấy tờ tùy thân không thể trước ngày sinh.",
        "The ID issue date cannot precede the birth date.",
    ),
    "dates.id_issued_under_14": (
        E,
        "Giấy tờ tùy thân được cấp khi chủ hộ chưa đủ 14 tuổi: kiểm tra ngày sinh và ngày cấp.",
        "The ID was issued before the owner turned 14: check the birth and issue dates.",
    ),
    "dates.id_issued_after_certificate": (
        E,
        "Ngày cấp giấy tờ tùy thân sau ngày cấp giấy chứng nhận ({certificate_date}).",
        "The ID issue date is after the certificate's own date ({certificate_date}).",
    ),
    "dates.birth_after_registration": (
        E,
        "Ngày sinh của chủ hộ không thể sau ngày đăng ký lần đầu.",
        "The owner's birth date cannot be after the first registration.",
    ),
    "dates.amendment_before_first_registration": (
        E,
        "Ngày đăng ký thay đổi trước ngày đăng ký lần đầu.",
        "The amendment date is before the first registration date.",
    ),
    "dates.owner_under_18": (
        W,
        "Chủ hộ chưa đủ 18 tuổi khi đăng ký: kiểm tra ngày sinh.",
        "The owner was under 18 at registration: check the birth date.",
    ),
    "amendment.date_without_number": (
        W,
        "Có ngày đăng ký thay đổi nhưng không có lần thay đổi thứ mấy.",
        "An amendment date is present without the amendment number.",
    ),
    "amendment.number_without_date": (
        W,
        "Có lần đăng ký thay đổi thứ {number} nhưng không có ngày thay đổi.",
        "Amendment number {number} is present without its date.",
    ),
    "amendment.number_invalid": (
        E,
        "Lần đăng ký thay đổi phải là số nguyên dương, đọc được {number}.",
        "The amendment number must be a positive integer; read {number}.",
    ),
    # money and counts
    "capital.not_positive": (E, "Vốn kinh doanh phải lớn hơn 0.", "Capital must be greater than zero."),
    "employees.negative": (E, "Số lao động không thể âm.", "The number of employees cannot be negative."),
    # business lines
    "business_lines.code_format": (
        E,
        "Mã ngành “{code}” không phải mã ngành cấp 4 (4 chữ số).",
        "Business line code “{code}” is not a 4-digit (level 4) VSIC code.",
    ),
    "business_lines.code_unknown": (
        W,
        "Mã ngành {code} không có trong bảng VSIC {version} hiện có "
        "(bảng 2018 còn thiếu một số mã): cần người kiểm tra.",
        "Code {code} is not in the available VSIC {version} table "
        "(the 2018 table lacks some codes): ask a human.",
    ),
    "business_lines.code_not_in_vsic": (
        E,
        "Mã ngành {code} không có trong Hệ thống ngành kinh tế Việt Nam {version}.",
        "Code {code} does not exist in VSIC {version}.",
    ),
    "business_lines.code_other_version": (
        W,
        "Mã ngành {code} thuộc VSIC {other}, không thuộc VSIC {version} của mẫu giấy này.",
        "Code {code} belongs to VSIC {other}, not to VSIC {version} used by this form.",
    ),
    "business_lines.name_mismatch": (
        W,
        "Tên ngành in trên giấy không khớp với tên của mã {code} (“{official}”).",
        "The printed business line name does not match the name of code {code} (“{official}”).",
    ),
    # addresses
    "address.unresolved": (
        W,
        "Không xác định được xã/phường, tỉnh/thành phố của địa chỉ.",
        "Could not resolve the address to a commune and province.",
    ),
    "address.ambiguous": (
        W,
        "Địa chỉ có thể thuộc nhiều xã/phường: cần người chọn.",
        "The address could be in several communes: a human must choose.",
    ),
    "address.split_commune": (
        W,
        "{old} đã được chia về nhiều xã/phường mới sau sắp xếp năm 2025: cần người chọn.",
        "{old} was split between several new communes in 2025: a human must choose.",
    ),
    "address.old_units": (
        INFO,
        "Địa chỉ theo đơn vị hành chính trước năm 2025; nay thuộc {new}.",
        "The address uses pre-2025 units; it is now in {new}.",
    ),
}

EVIDENCE: dict[str, tuple[Severity, str, str]] = {
    "capital.words_mismatch": (
        E,
        "Vốn bằng số ({figures} đồng) khác vốn bằng chữ ({words_value} đồng).",
        "Capital in figures ({figures} VND) differs from capital in words ({words_value} VND).",
    ),
    "capital.words_unreadable": (
        W,
        "Không đọc được số tiền bằng chữ “{words}” để đối chiếu với số tiền bằng số.",
        "Could not read the amount in words “{words}” to compare it with the figures.",
    ),
    "id_type.from_label": (
        INFO,
        "Giấy không in loại giấy tờ; loại “{id_type}” lấy từ nhãn “{label}”.",
        "The form prints no ID type; “{id_type}” is the kind its label “{label}” names.",
    ),
    "id_type.from_number_length": (
        W,
        "Giấy không in loại giấy tờ; “{value}” chỉ là suy đoán từ số chữ số của số giấy tờ, cần kiểm tra.",
        "The form prints no ID type; “{value}” is only guessed from how many digits the number has: check it.",
    ),
    # the kind an ID number's label names, when the label or the facts of that kind leave doubt
    "id_type.label_inexact": (
        W,
        "Giấy không in loại giấy tờ; nhãn “{printed}” chỉ gần giống nhãn đã biết nên loại “{value}” cần kiểm tra.",
        "The form prints no ID type; the label “{printed}” only loosely matches a known one: check “{value}”.",
    ),
    "id_type.label_length_mismatch": (
        W,
        "Nhãn “{printed}” ghi loại “{value}” nhưng số giấy tờ không có độ dài của loại này "
        "(CMND 9 chữ số, CCCD và thẻ căn cước 12 chữ số): kiểm tra loại giấy tờ.",
        "The label “{printed}” names “{value}” but the number is not that kind's length "
        "(CMND 9 digits, CCCD and the 2024 identity card 12): check the ID type.",
    ),
    "id_type.label_date_mismatch": (
        W,
        "Nhãn “{printed}” ghi loại “{value}” nhưng loại này không được cấp vào ngày trên giấy "
        "(CCCD từ 01/01/2016 đến 30/06/2024, thẻ căn cước từ 01/07/2024): kiểm tra loại giấy tờ.",
        "The label “{printed}” names “{value}”, which was not issued at the dates on the form "
        "(CCCD 1 Jan 2016 to 30 Jun 2024, the identity card from 1 Jul 2024): check the ID type.",
    ),
    "dates.implausible_year": (
        E,
        "Ngày {value} có năm trước 1900: kiểm tra lại chữ số năm.",
        "Date {value} has a year before 1900: check the year's digits.",
    ),
    # a repair changed the value as read (rules/printed.py decides when a list may repair)
    "printed.repaired_from_list": (
        W,
        "Chữ đọc được “{printed}” không khớp danh mục nên đã được sửa thành “{value}”: so với bản giấy.",
        "The reading “{printed}” matched no list entry and was repaired to “{value}”: compare with the paper.",
    ),
    "printed.punctuation_from_list": (
        W,
        "Dấu câu của “{printed}” đã được bổ sung theo danh mục thành “{value}”: so với bản giấy.",
        "Punctuation missing from “{printed}” was restored from the list as “{value}”: compare with the paper.",
    ),
    "printed.words_left_over": (
        W,
        "“{value}” có thêm chữ ngoài danh mục: kiểm tra xem giá trị có bị dính với dòng khác không.",
        "“{value}” has words beyond the list entry: check that it did not run on into another line.",
    ),
    "label.words_left_over": (
        W,
        "Trên dòng của trường này còn chữ “{printed}” không thuộc nhãn hay giá trị nào: kiểm tra giá trị.",
        "Words “{printed}” on this field's lines belong to no label or value: check the value.",
    ),
    "label.value_runs_on": (
        W,
        "Giá trị có chữ “{printed}” giống nhãn của một mục khác: có thể giá trị đã dính sang mục đó, kiểm tra giá trị.",
        "The value holds “{printed}”, which reads like another item's label: it may have run on into it, check the value.",
    ),
    "label.value_may_go_on": (
        W,
        "Dòng dưới bắt đầu bằng “{printed}” viết hoa, không có dấu hai chấm: có thể là phần tiếp của giá trị, kiểm tra giá trị.",
        "The next line opens with “{printed}” in capitals and without a colon: it may be the value's second line, check the value.",
    ),
    "printed.unknown_surname": (
        W,
        "“{printed}” không phải là một họ người Việt thường gặp: kiểm tra xem họ có bị mất hay đọc sai không.",
        "“{printed}” is no common Vietnamese surname: check that the surname was not lost or misread.",
    ),
    "printed.stray_marks": (
        W,
        "“{value}” có dấu “{printed}” mà dạng chuẩn không có: có thể là vết bẩn trên giấy, so với bản giấy.",
        "“{value}” has the mark(s) “{printed}” that its standard form lacks, perhaps a speck: compare with the paper.",
    ),
    "printed.ocr_repaired": (
        W,
        "Giá trị đã được sửa một lỗi nhận dạng chữ thường gặp thành “{value}”: so với bản giấy.",
        "The value was repaired from a common OCR misreading to “{value}”: compare with the paper.",
    ),
    "printed.readings_disagree": (
        W,
        "Hai lần đọc cho kết quả khác nhau; đang giữ “{value}”: so với bản giấy.",
        "Two readings disagree; “{value}” is kept for now: compare with the paper.",
    ),
    "printed.misread_repaired": (
        W,
        "Chữ đọc được “{printed}” có vẻ bị nhận dạng sai và đã được sửa thành “{value}”: so với bản giấy.",
        "The reading “{printed}” looks misread and was repaired to “{value}”: compare with the paper.",
    ),
    "ocr.readers_disagree": (
        W,
        "Hai bộ đọc chữ đọc trường này khác nhau: đối chiếu với bản gốc.",
        "The two text readers read this field differently: check it against the original.",
    ),
}

REGISTER: dict[str, tuple[Severity, str, str]] = {
    "register_no_date": (
        E,
        "Thiếu ngày hiệu lực của giấy chứng nhận; không thể xếp vào lịch sử.",
        "The certificate has no effective date; it cannot be placed in history.",
    ),
    "register_ambiguous_match": (
        W,
        "Có nhiều hộ kinh doanh có thể khớp; hãy chọn một.",
        "Several businesses may match; choose one.",
    ),
    "register_amendment_first": (
        INFO,
        "Chưa có các lần đăng ký trước lần thay đổi thứ {number}.",
        "No earlier versions before amendment {number}.",
    ),
    "register_unknown_business": (E, "Không có hộ kinh doanh này.", "No such business."),
    "register_conflicting_certificate": (
        E,
        "Đã có {label_vi} với nội dung khác; cần người kiểm tra.",
        "A different {label_en} is already registered.",
    ),
    "register_amendment_gap": (
        W,
        "Chưa có lần thay đổi thứ {previous} trước lần thứ {number}.",
        "Amendment {previous} is missing before amendment {number}.",
    ),
    "register_no_first_registration": (
        INFO,
        "Chưa có giấy đăng ký lần đầu.",
        "The first registration is not in the register yet.",
    ),
    "register_date_order": (
        W,
        "Ngày của giấy chứng nhận không khớp thứ tự các lần thay đổi.",
        "The certificate's date does not agree with the amendment order.",
    ),
}

REGISTER_LABELS: dict[str, tuple[str, str]] = {
    "amendment": ("lần thay đổi thứ {number}", "amendment {number}"),
    "first_registration": ("đăng ký lần đầu", "first registration"),
}
"""How `register_conflicting_certificate` names the certificate (its `label_vi` / `label_en`)."""

MESSAGES: dict[str, tuple[Severity, str, str]] = {**RECORD_RULES, **EVIDENCE}
"""The findings about a field of the record: codes `<field>.<problem>`."""

DOCUMENT: dict[str, tuple[Severity, str, str]] = {
    "unrecognised_layout": (  # made before the layout gate had three answers; kept for stored results
        E,
        "Không nhận ra mẫu giấy chứng nhận đăng ký hộ kinh doanh.",
        "Not a household business registration certificate we recognise.",
    ),
    "not_a_certificate": (
        E,
        "Không phải giấy chứng nhận đăng ký hộ kinh doanh: không có tiêu đề và các mục của giấy.",
        "Not a household business registration certificate: neither its title nor its items are there.",
    ),
    "layout_uncertain": (
        W,
        "Chưa chắc bố cục: trang giống giấy chứng nhận nhưng đọc được quá ít mục; mọi trường cần kiểm tra.",
        "Layout uncertain: the page looks like a certificate but too few items could be read; check every field.",
    ),
}

_EVERY_CODE = {**MESSAGES, **DOCUMENT, **REGISTER}


def make_finding(
    finding_code: str,
    field: str | None,
    /,
    *,
    candidates: list[dict[str, object]] | None = None,
    **values: object,
) -> Finding:
    """The finding for `finding_code`, its messages filled with `values`."""
    severity, vi, en = _EVERY_CODE[finding_code]
    return Finding(
        code=finding_code,
        field=field,
        severity=severity,
        message=vi.format(**values),
        message_en=en.format(**values),
        candidates=candidates,
    )
