"""Review: a reviewer (cán bộ kiểm tra) checks what OCR was unsure of and decides the document.

    claims     the risk-ordered queue, claims, revisions, the corrected view, corrections, acknowledgements
    values     reviewer-typed values in the record contract's form; corrections applied to an extraction
    decisions  preview, approve (into the register, in one transaction), reject, re-run OCR

What review hands the register is the corrected `Extraction` (a Struct) and what it gets back an
`ApplyResult` with a `RegisterAction` (service.register).
"""
