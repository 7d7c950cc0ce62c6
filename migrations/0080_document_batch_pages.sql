-- A document split from a batch keeps which pages of the batch it is (issue 17): with the batch's
-- label (box, commune, who scanned it and when) that is where a reviewer finds the paper again,
-- even after a re-split has moved the batch's children on.
alter table documents add column batch_pages integer[];
update documents d set batch_pages = c.pages from batch_children c where c.document_id = d.id;
