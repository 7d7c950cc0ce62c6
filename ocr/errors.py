"""Typed failures of the OCR library. The service maps each `code` to a problem type or a job error.

OcrError                      code
├── InputError                (the file itself is unusable: the client's fault, 4xx)
│   ├── EmptyFileError        empty_file
│   ├── UnsupportedTypeError  unsupported_type
│   ├── CorruptFileError      corrupt_file
│   ├── EncryptedPdfError     encrypted_pdf
│   ├── TooLargeError         file_too_large
│   ├── TooManyPixelsError    too_many_pixels
│   ├── TooManyPagesError     too_many_pages
│   ├── TimeLimitError        time_limit      (decoding and reading took longer than the limit:
│   │   └── OcrTimeoutError   ocr_timeout      the same file would again, so it is not retried)
│   ├── MemoryLimitError      memory_limit    (it needed more memory than one document may use)
│   └── DecoderCrashError     decoder_crashed (the decoder died on it)
└── EngineError               (our side: Tesseract missing or failing)
    ├── TesseractMissingError tesseract_missing
    ├── ReaderModelMissingError reader_model_missing
    └── WorkerKilledError     worker_killed   (the reading process was killed from outside)
"""

from __future__ import annotations


class OcrError(Exception):
    """Base of every error the OCR library raises on purpose."""

    code: str = "ocr_error"
    message_vi: str = "Không xử lý được tệp."

    def __init__(self, detail: str, *, message_vi: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if message_vi is not None:
            self.message_vi = message_vi


class InputError(OcrError):
    code = "bad_input"
    message_vi = "Tệp tải lên không dùng được."


class EmptyFileError(InputError):
    code = "empty_file"
    message_vi = "Tệp rỗng (0 byte)."


class UnsupportedTypeError(InputError):
    code = "unsupported_type"
    message_vi = "Loại tệp không được hỗ trợ. Chỉ nhận JPEG, PNG, TIFF hoặc PDF."


class CorruptFileError(InputError):
    code = "corrupt_file"
    message_vi = "Tệp bị hỏng hoặc không đọc được đến hết."


class EncryptedPdfError(InputError):
    code = "encrypted_pdf"
    message_vi = "Tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi tải lại."


class TooLargeError(InputError):
    code = "file_too_large"
    message_vi = "Tệp quá lớn."


class TooManyPixelsError(InputError):
    code = "too_many_pixels"
    message_vi = "Ảnh có kích thước (số điểm ảnh) quá lớn."


class TooManyPagesError(InputError):
    code = "too_many_pages"
    message_vi = "Tệp có quá nhiều trang."


class TimeLimitError(InputError):
    code = "time_limit"
    message_vi = (
        "Tệp cần quá nhiều thời gian để đọc (vượt giới hạn thời gian). Hãy quét lại hoặc lưu lại "
        "thành ảnh JPEG/PDF đơn giản hơn rồi tải lên."
    )


class OcrTimeoutError(TimeLimitError):
    code = "ocr_timeout"
    message_vi = "Nhận dạng chữ quá thời gian cho phép. Hãy quét lại rõ hơn rồi tải lên."


class MemoryLimitError(InputError):
    code = "memory_limit"
    message_vi = (
        "Tệp cần quá nhiều bộ nhớ để đọc (vượt giới hạn bộ nhớ). Hãy quét lại với độ phân giải "
        "thấp hơn (300 DPI là đủ) rồi tải lên."
    )


class DecoderCrashError(InputError):
    code = "decoder_crashed"
    message_vi = "Không giải mã được tệp (trình đọc tệp bị lỗi). Hãy lưu lại tệp rồi tải lên."


class EngineError(OcrError):
    code = "engine_error"
    message_vi = "Bộ nhận dạng chữ gặp lỗi."


class TesseractMissingError(EngineError):
    code = "tesseract_missing"
    message_vi = "Chưa cài Tesseract hoặc dữ liệu tiếng Việt (vie)."


class ReaderModelMissingError(EngineError):
    """The second reader is on but setup has not put its model in the models folder."""

    code = "reader_model_missing"
    message_vi = "Thiếu mô hình đọc lần hai; hãy chạy lại bước cài đặt (scripts/setup.sh)."


class WorkerKilledError(EngineError):
    code = "worker_killed"
    message_vi = "Tiến trình đọc tệp bị dừng từ bên ngoài; hệ thống sẽ thử lại."
