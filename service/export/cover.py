"""The xlsx cover sheet ("Thông tin"): filters used, as-of date, when, by whom, masking."""

from __future__ import annotations

import datetime as dt

from service.export.rows import ExportFilters

FILTER_LABELS = {
    "province": "Tỉnh/thành phố (mã)", "commune": "Xã/phường (mã 2025)", "status": "Tình trạng",
    "section": "Ngành VSIC (phần/ngành cấp 2)", "registered_from": "Đăng ký từ ngày",
    "registered_to": "Đăng ký đến ngày", "changed_since": "Thay đổi từ ngày",
}  # fmt: skip


def cover_fields(filters: ExportFilters, requester: str, full: bool) -> dict[str, str]:
    out = {"Số liệu tính đến ngày": (filters.as_of or dt.date.today()).strftime("%d/%m/%Y")}
    for key, value in filters.describe().items():
        if key in FILTER_LABELS:
            out[FILTER_LABELS[key]] = value
    out["Thời điểm xuất"] = dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC")
    out["Người xuất"] = requester
    out["Dữ liệu cá nhân"] = "đầy đủ" if full else "đã che (Nghị định 13/2023)"
    return out
