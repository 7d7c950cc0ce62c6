-- What the reading of a document found (issue 13, "never all or nothing"): a certificate, a page that
-- looks like one but missed the layout gate (a partial record, every field in review), or not a
-- certificate at all. Documents gain `not_certificate`: read, and kept out of the review queue.
alter table documents drop constraint documents_status_check;
alter table documents add constraint documents_status_check
    check (status in ('queued', 'processing', 'processed', 'not_certificate', 'failed', 'in_review',
                      'approved', 'rejected'));

alter table extractions add column outcome text not null default 'record'
    check (outcome in ('record', 'layout_uncertain', 'not_a_certificate'));

-- Readings stored before the gate had three answers: an unrecognised page was not a certificate.
update extractions set outcome = 'not_a_certificate' where layout = 'unrecognised';
