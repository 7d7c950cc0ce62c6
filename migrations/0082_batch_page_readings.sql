-- A batch page's reading (issue 17, read once): the batch job reads each page with text ink through the
-- OCR pipeline to classify it, and keeps that reading (words, rotation, skew and the cleaned grey page,
-- msgpack; the view as its own PNG blob, which the child document stores again as its page image), so
-- the child's OCR job goes straight to extraction. A reading of another pipeline version is read again.
alter table batch_pages
    add column reading_sha256 text,
    add column view_sha256 text,
    add column reading_version text;
