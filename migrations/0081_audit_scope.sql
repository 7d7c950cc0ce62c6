-- The audit log under commune scope (issue 14). Before, the role `hkd_scoped` (0072) could read every
-- audit row: another commune's review corrections (ID numbers among them), batch labels, exports'
-- filters, account changes. A scoped request still writes its own audit rows (inserts are free), but
-- reads only the rows about a document, batch or business its scope sees (the subqueries are
-- filtered by those tables' own policies); rows about users, tokens and province exports stay the
-- owner's, i.e. province-wide staff's and the workers'. No handler reads the audit log today: this is
-- so that one that does later cannot leak it.
alter table audit_log enable row level security;
create policy scoped_write on audit_log for insert to hkd_scoped with check (true);
create policy scoped_read on audit_log for select to hkd_scoped using (
    (entity = 'document' and entity_id in (select id::text from documents))
    or (entity = 'batch' and entity_id in (select id::text from batches))
    or (entity = 'business' and entity_id in (select id::text from businesses))
);
