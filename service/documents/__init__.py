"""Documents: an uploaded scan from its arrival to the end of OCR, and the one owner of its status.

uploads      accept a file (limits, type by content, dedupe by hash), store it, queue its OCR
status       DocumentStatus and `set_status`: the only writer of `documents.status`
processing   the OCR job kind: load → OCR → validate → store, fenced on the attempt
extractions  pages, words and extractions in the database
rotation     the pages turned by a reviewer's rotations before OCR runs again
importer     `hkd import DIR`: a folder through the same path as the API
"""
