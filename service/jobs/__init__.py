"""Background jobs: the attempt machine (core), the queue (pgqueuer) and the OCR job records.

    core    fenced attempts, leases, back-off and dead letters: one machine for every kind of job
    queue   pgqueuer entries, enqueued in the caller's transaction
    ocr     the OCR job rows (`jobs`), their status, step and progress

The kinds themselves live with what they work on: an OCR job in service.documents.processing, a
background export in service.export.background. The worker process wires them (service.worker).
"""
