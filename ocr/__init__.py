"""Pure OCR library: file bytes in, pages, words and extracted fields out. No database, no HTTP."""
