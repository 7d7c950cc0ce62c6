"""Batches: a scanned stack uploaded as one file, classified page by page and split into documents."""
