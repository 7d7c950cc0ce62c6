-- The clerk's page lists one person's uploads, newest first, and polls that page every few seconds.
create index documents_uploaded_by_idx on documents (uploaded_by, id desc);
