"""What the server says to people in words of its own: problem messages (`message_vi` of every RFC 9457
answer), reasons a background export failed, and the command line's few sentences.

Pages and scripts have their catalogue in service.i18n.pages, the spreadsheets theirs in
service.i18n.sheets, findings theirs in rules.findings (they are made below the service). Code names a
message by its key, `text("document.not_found")`; placeholders are filled from keyword values.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "text"]

MESSAGES: dict[str, str] = {
    # the error hierarchy's defaults (service.errors) and Litestar's own HTTP errors
    "problem.internal": "Đã có lỗi ở máy chủ. Vui lòng thử lại sau.",
    "problem.bad_request": "Yêu cầu không hợp lệ.",
    "problem.not_authenticated": "Bạn cần đăng nhập.",
    "problem.forbidden": "Bạn không có quyền thực hiện thao tác này.",
    "problem.not_found": "Không tìm thấy.",
    "problem.conflict": "Dữ liệu đã bị người khác thay đổi. Hãy tải lại rồi thử lại.",
    "problem.invalid_input": "Dữ liệu gửi lên không hợp lệ.",
    "problem.unavailable": "Dịch vụ tạm thời không sẵn sàng.",
    "problem.database_down": "Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.",
    "problem.route_not_found": "Không tìm thấy địa chỉ này.",
    "problem.method_not_allowed": "Phương thức không được hỗ trợ cho địa chỉ này.",
    "problem.http_conflict": "Xung đột dữ liệu.",
    "problem.too_large": "Dữ liệu gửi lên quá lớn.",
    "problem.unsupported_media_type": "Loại nội dung không được hỗ trợ.",
    "problem.too_many_requests": "Quá nhiều yêu cầu. Vui lòng thử lại sau.",
    "problem.too_many_searches": "Bạn tìm kiếm quá nhiều lần. Vui lòng chờ {seconds} giây rồi thử lại.",
    "problem.unreadable_part": "Một phần của biểu mẫu không có tên tệp hợp lệ hoặc dùng bảng mã không hỗ trợ.",
    "problem.storage_full": "Kho lưu trữ đã đầy; tệp chưa được lưu. Hãy báo quản trị hệ thống rồi thử lại sau.",
    "problem.control_character": "Trường {field} chứa ký tự điều khiển không hợp lệ.",
    "problem.unknown_field": "Trường {field} không có trong dữ liệu mà địa chỉ này nhận.",
    # signing in, users
    "auth.bad_token": "Mã truy cập không hợp lệ.",
    "auth.bad_csrf": "Phiên làm việc không hợp lệ; hãy tải lại trang.",
    "auth.wrong_password": "Sai tên đăng nhập hoặc mật khẩu.",
    "auth.token_expired": "Mã truy cập đã hết hạn ngày {day}. Hãy xin quản trị hệ thống cấp mã mới.",
    "auth.too_many_logins": "Đăng nhập sai nhiều lần. Vui lòng chờ {seconds} giây rồi thử lại.",
    "password.too_short": "Mật khẩu phải có ít nhất {length} ký tự.",
    "password.too_long": "Mật khẩu không được dài quá {length} ký tự.",
    "password.has_username": "Mật khẩu không được chứa tên đăng nhập.",
    "password.too_simple": "Mật khẩu quá đơn giản.",
    "account.not_found": "Không tìm thấy người dùng này.",
    "communes.province": "toàn tỉnh",
    "cli.communes_set": "Phạm vi của {name}: {communes}.",
    "communes.none": "Hãy chọn ít nhất một xã/phường, hoặc toàn tỉnh.",
    "communes.unknown": "Không phải mã xã/phường năm 2025: {codes}.",
    "communes.not_yours": "Xã/phường {code} không thuộc phạm vi của bạn.",
    "communes.choose": "Bạn phụ trách nhiều xã/phường: hãy chọn xã/phường của hồ sơ.",
    "communes.other_commune": "Tệp này đã được tải lên ở một xã/phường khác.",
    "communes.outside_scope": "Địa chỉ của hộ kinh doanh thuộc xã/phường ngoài phạm vi của bạn; hãy chuyển hồ sơ cho cán bộ cấp tỉnh.",
    "account.token_not_found": "Không tìm thấy mã truy cập này.",
    "account.exists": "Tên đăng nhập {name} đã được dùng.",
    "account.bad_username": (
        "Tên đăng nhập gồm 1–{length} chữ cái, chữ số hoặc dấu _ . @ -, không có khoảng trắng."
    ),
    "account.bad_display_name": "Tên hiển thị dài tối đa {length} ký tự, không chứa ký tự điều khiển.",
    "account.last_admin": "Không thể khoá hoặc đổi vai trò của quản trị viên cuối cùng còn hoạt động.",
    "account.self": "Bạn không thể tự khoá tài khoản của chính mình.",
    "account.self_role": "Bạn không thể tự đổi vai trò của chính mình.",
    "account.disabled": "Tài khoản này đang bị khoá.",
    # documents and uploads
    "upload.no_file": "Chưa chọn tệp nào để tải lên.",
    "document.not_found": "Không tìm thấy hồ sơ này.",
    "document.not_read_yet": "Tài liệu này chưa được nhận dạng xong.",
    "document.page_not_ready": "Trang này chưa có ảnh (tài liệu có thể đang được xử lý).",
    "storage.missing": "Tệp này không còn trong kho lưu trữ. Hãy báo quản trị hệ thống.",
    # review
    "review.unknown_field": "Trường này không có trong hồ sơ.",
    "review.wrong_type": "Giá trị không đúng kiểu dữ liệu của trường này.",
    "review.out_of_bounds": "Giá trị quá dài hoặc ngoài khoảng cho phép của trường này.",
    "review.decided": "Hồ sơ này đã được xử lý xong.",
    "review.claimed_by": "Hồ sơ này đang được {name} kiểm tra.",
    "review.claim_required": "Hãy nhận hồ sơ để kiểm tra trước khi sửa (có thể đã hết thời gian giữ hồ sơ).",
    "review.stale_revision": "Hồ sơ đã được thay đổi ở nơi khác. Hãy tải lại rồi thử lại.",
    "review.no_such_finding": "Không có cảnh báo này trong hồ sơ.",
    "review.rerun_failed": "Lần nhận dạng lại không thành công; hãy chạy lại hoặc từ chối hồ sơ.",
    "review.rerun_running": "Tài liệu đang được nhận dạng lại; hãy chờ xong rồi duyệt.",
    "review.incomplete": (
        "Chưa thể duyệt: còn {fields} trường cần kiểm tra và {findings} lỗi chưa được xác nhận."
    ),
    "review.register_needs_human": (
        "Sổ đăng ký cần người kiểm tra chọn hộ kinh doanh; hãy chọn rồi duyệt lại."
    ),
    "review.reason_required": "Hãy ghi lý do từ chối.",
    "review.being_read": "Tài liệu đang được nhận dạng.",
    "review.bad_page": "Số trang không hợp lệ.",
    "review.bad_rotation": "Chỉ xoay được 90, 180 hoặc 270 độ.",
    # the register
    "business.not_found": "Không tìm thấy hộ kinh doanh.",
    "business.document_missing": "Tài liệu kèm theo không tồn tại.",
    "business.bad_event": "Tài liệu kèm theo hoặc ghi chú không hợp lệ.",
    "business.stale_version": "Hộ kinh doanh đã được người khác cập nhật. Hãy tải lại trang rồi thử lại.",
    "business.bad_event_end": "Đến ngày: chỉ dùng cho tạm ngừng và không được trước ngày bắt đầu.",
    "business.event_before_first": "Ngày sự kiện trước ngày đăng ký đầu tiên của hộ kinh doanh.",
    "business.same_day": "Đã có một thay đổi vào đúng ngày này; hãy chọn ngày khác.",
    # exports
    "export.personal_data_forbidden": "Chỉ cán bộ kiểm tra hoặc quản trị được xuất dữ liệu cá nhân đầy đủ.",
    "export.not_found": "Không tìm thấy yêu cầu xuất này (hoặc đã bị xoá).",
    "export.failed": "Xuất dữ liệu không thành công: {reason}",
    "export.not_ready": "Tệp xuất chưa sẵn sàng. Hãy chờ đến khi tiến độ đạt 100%.",
    "export.gone": "Tệp xuất đã hết hạn và bị xoá. Hãy xuất lại.",
    "export.file_name": "Sổ hộ kinh doanh {day} ({id}).{format}",
    "export.reason.count": "Không đếm được số hộ kinh doanh cần xuất (lỗi cơ sở dữ liệu). Hãy thử lại sau.",
    "export.reason.write": "Không ghi được tệp xuất (lỗi khi đọc sổ đăng ký hoặc ổ đĩa tạm). Hãy thử lại sau.",
    "export.reason.store": "Không lưu được tệp xuất vào kho lưu trữ. Hãy báo quản trị hệ thống rồi thử lại.",
    "export.reason.worker_lost": "Máy xử lý bị dừng giữa chừng nhiều lần nên chưa tạo được tệp. Hãy xuất lại.",
    "export.reason.other": "Có lỗi khi tạo tệp xuất. Hãy thử lại hoặc báo quản trị hệ thống.",
    # start-up: settings, database
    "settings.invalid": "Cấu hình không hợp lệ (biến môi trường).",
    "database.pending_migrations": (
        "Cơ sở dữ liệu chưa được cập nhật: hãy chạy `hkd migrate` (hoặc `hkd serve`) trước."
    ),
    "database.migration_edited": "Tệp cập nhật cơ sở dữ liệu đã bị sửa sau khi áp dụng.",
    "database.embedded_failed": "Không khởi động được PostgreSQL đi kèm.",
    "database.embedded_in_use": (
        "PostgreSQL đi kèm của thư mục dữ liệu này đang do một tiến trình hkd khác (pid {pid}) chạy; "
        "hãy dừng tiến trình đó trước."
    ),
    # logs (the stand-in for personal data that slipped into a log line)
    "log.redacted": "[đã ẩn]",
    # the command line (Vietnamese / English: it is read in a terminal, without a language switch)
    "cli.description": "HKD Register: số hoá Giấy chứng nhận đăng ký hộ kinh doanh.",
    "cli.password_prompt": "Mật khẩu cho {name} / password: ",
    "cli.password_again": "Nhập lại / again: ",
    "cli.passwords_differ": "hai mật khẩu không khớp / passwords differ",
    "cli.user_exists": "người dùng {name} đã tồn tại / already exists",
    "cli.no_such_user": "không có người dùng {name} / no such user",
    "cli.admin_created": (
        "Đã tạo tài khoản quản trị / created admin user: admin. "
        "Mật khẩu ở trong tệp / its password is in {path} (chỉ bạn đọc được / readable only by you)"
    ),
    "cli.user_disabled": (
        "Đã khoá / disabled {name}: {sessions} phiên đăng nhập kết thúc / sessions ended, "
        "{tokens} mã truy cập bị thu hồi / tokens revoked"
    ),
    "cli.user_enabled": "Đã mở khoá / enabled {name}",
    "cli.role_set": "{name}: vai trò / role {role}",
    "cli.password_set": (
        "Đã đổi mật khẩu / password changed: {name} ({sessions} phiên đăng nhập kết thúc / sessions ended)"
    ),
    "cli.token_created": (
        "Mã truy cập số / token {id} cho / for {name}, hết hạn / expires {day} "
        "(chỉ hiện một lần / shown once; dùng / use 'Authorization: Bearer <token>'):"
    ),
    "cli.token_revoked": "Đã thu hồi / revoked token {id} ({name}, {label})",
    "cli.serving": "HKD Register: http://{host}:{port}  (Ctrl-C để dừng / to stop)",
    "cli.stopped_web": "Đã dừng máy chủ web / web server stopped",
    "cli.stopped_api": "Đã dừng {count} tiến trình API / API process(es) stopped",
    "cli.stopped_workers": "Đã dừng {count} tiến trình OCR / OCR worker(s) stopped",
    "cli.stopped_database": "Đã dừng PostgreSQL đi kèm / embedded PostgreSQL stopped",
    "cli.database_down": (
        "Không kết nối được cơ sở dữ liệu / database unavailable ({reason}); "
        "thử lại sau / retrying, at most every {seconds} s"
    ),
    "cli.database_back": "Đã kết nối lại cơ sở dữ liệu / database reachable again",
    "cli.exported": "{count} hộ kinh doanh → {path}",
    "import.new": "Mới / new: {count}",
    "import.duplicate": "Trùng / duplicate: {count}",
    "import.rejected": "Bị từ chối / rejected: {count}",
    "import.too_large": "quá lớn / too large ({size} bytes)",
    "import.unreadable": "không đọc được / unreadable: {reason}",
    "batch.not_found": "Không tìm thấy lô hồ sơ này.",
    "batch.new": "Lô mới / new batch #{id}: {pages} trang",
    "batch.duplicate": "Lô đã có / batch already there: #{id}",
    "batch.progress": "Đã phân loại {classified}/{pages} trang · tìm thấy {found} giấy chứng nhận · "
    "đã đọc {processed} · đã duyệt {reviewed}",
    "batch.outcome.split": "Đã tách thành {found} giấy chứng nhận và {others} giấy tờ khác; bỏ {blanks} trang trắng.",
    "batch.outcome.no_certificate": "Lô không có giấy chứng nhận nào ({others} giấy tờ khác).",
    "batch.outcome.only_blank": "Lô chỉ có trang trắng: không tạo hồ sơ nào.",
    "batch.failed": "Không xử lý được lô: {reason}",
    "batch.bad_override": "Trang {page} không có trong lô, hoặc loại trang không hợp lệ.",
}


def text(key: str, **values: object) -> str:
    """The message under `key`, its placeholders filled; a missing key is a programming error."""
    message = MESSAGES[key]
    return message.format(**values) if values else message
