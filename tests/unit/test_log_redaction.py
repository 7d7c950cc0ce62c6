import logging

from service.personal_data import RedactPersonalData, redact


def test_ids_and_dates_are_scrubbed_but_timestamps_and_counts_kept() -> None:
    text = "owner 048180001234 cmnd 201234567 born 12/05/1980 or 1980-05-12; at 2026-11-28T10:00 job 12 took 250 ms"
    out = redact(text)
    assert "048180001234" not in out and "201234567" not in out
    assert "12/05/1980" not in out and "1980-05-12" not in out
    assert "2026-11-28T10:00" in out and "job 12" in out and "250 ms" in out


def test_filter_scrubs_messages_and_tracebacks() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "duplicate key %s", ("048180001234",), None)
    try:
        raise ValueError("Key (id_number)=(048180001234) already exists")
    except ValueError as exc:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    assert RedactPersonalData().filter(record)
    assert "048180001234" not in record.getMessage()
    assert record.exc_text is not None and "048180001234" not in record.exc_text
