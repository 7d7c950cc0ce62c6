-- Commune scoping (issue 14): a user works for one or more communes (2025 unit codes) or for the whole
-- province; documents, batches, businesses and everything hanging off them carry a commune, and the
-- database itself keeps a commune's rows from another commune's staff (row-level security).
--
-- How (docs/ARCHITECTURE.md, "Commune scoping"): the app connects as the owner of these tables (or a
-- superuser), which RLS does not restrict: that is the province-wide scope, and the workers'. A request
-- of a commune-scoped user runs every statement in a transaction that first does
-- `set_config('role', 'hkd_scoped', true)` and `set_config('hkd.communes', 'A,B', true)`
-- (service/db/scope.py); the policies below read the setting. Unset (a connection that forgot) means
-- no commune: such a transaction sees nothing rather than everything.

-- NULL: the whole province. A list: those communes' 2025 codes.
alter table users add column communes text[];
alter table users add constraint users_communes_nonempty check (communes is null or cardinality(communes) > 0);

alter table documents add column commune_code text;
alter table batches add column commune_code text;
alter table businesses add column commune_code text;
-- The scope an export was asked with: the worker writes it with that scope, not its own (everything).
alter table exports add column communes text[];

create index documents_commune_idx on documents (commune_code, id desc);
create index batches_commune_idx on batches (commune_code);
create index businesses_commune_idx on businesses (commune_code, id);

-- A business belongs to the commune of its registered address (the 2025 code of its current version).
update businesses b set commune_code = v.commune_code
from business_versions v
where v.business_id = b.id and upper_inf(v.valid) and v.commune_code is not null;

-- Existing documents: the commune of the business they were approved into, else their uploader's one
-- commune (no uploader has communes yet at this point, so in practice: the business's).
update documents d set commune_code = b.commune_code
from approved_records a join businesses b on b.id = a.business_id
where a.document_id = d.id and b.commune_code is not null;

-- A new current version with a known commune moves its business there. Security definer: the reviewer
-- who approves it may not see the business's old row (a move between communes), and RLS would make the
-- update a silent no-op.
create function hkd_business_commune() returns trigger language plpgsql security definer
set search_path = public, pg_temp as $$
begin
    if upper_inf(new.valid) and new.commune_code is not null then
        update businesses set commune_code = new.commune_code
        where id = new.business_id and commune_code is distinct from new.commune_code;
    end if;
    return null;
end
$$;
create trigger business_versions_commune after insert or update of valid, commune_code on business_versions
    for each row execute function hkd_business_commune();

-- The scope of the current transaction: the communes, or NULL (nothing matches `= any(NULL)`).
create function hkd_scope() returns text[]
    language sql stable parallel safe
    return string_to_array(nullif(current_setting('hkd.communes', true), ''), ',');

-- The role scoped requests switch to. Roles are per cluster: another database of the same server may
-- have made it already. The app's own login role must be able to SET ROLE to it.
-- Two databases may be migrated at once (parallel test runs on one server): the loser of the race to
-- create the role finds it made.
do $$
begin
    if not exists (select from pg_roles where rolname = 'hkd_scoped') then
        begin
            create role hkd_scoped nologin;
        exception when duplicate_object or unique_violation then
            null;
        end;
    end if;
    if not pg_has_role(current_user, 'hkd_scoped', 'member') then
        execute format('grant hkd_scoped to %I', current_user);
    end if;
end
$$;
grant usage on schema public to hkd_scoped;
grant select, insert, update, delete on all tables in schema public to hkd_scoped;
grant usage, select on all sequences in schema public to hkd_scoped;
-- Tables of later migrations too (they are made by the same role as this one).
alter default privileges in schema public grant select, insert, update, delete on tables to hkd_scoped;
alter default privileges in schema public grant usage, select on sequences to hkd_scoped;

-- The policies. A table keyed by a document/batch/business is visible when that parent is: the
-- subquery is itself filtered by the parent's policy, and being uncorrelated it runs once per statement
-- (a hashed subplan), not once per row.
do $$
declare
    t text;
begin
    foreach t in array array['documents', 'batches', 'businesses'] loop
        execute format('alter table %I enable row level security', t);
    end loop;
    foreach t in array array['pages', 'words', 'extractions', 'jobs', 'review_states', 'review_corrections',
                             'review_acknowledgements', 'approved_records'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy scoped on %I to hkd_scoped '
                       'using (document_id in (select id from documents))', t);
    end loop;
    foreach t in array array['batch_pages', 'batch_children'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy scoped on %I to hkd_scoped '
                       'using (batch_id in (select id from batches))', t);
    end loop;
    foreach t in array array['business_versions', 'business_identifiers', 'business_events',
                             'register_search'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy scoped on %I to hkd_scoped '
                       'using (business_id in (select id from businesses))', t);
    end loop;
    foreach t in array array['business_lines', 'business_members'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy scoped on %I to hkd_scoped '
                       'using (version_id in (select id from business_versions))', t);
    end loop;
end
$$;
create policy scoped on documents to hkd_scoped using (commune_code = any (hkd_scope()));
create policy scoped on batches to hkd_scoped using (commune_code = any (hkd_scope()));
create policy scoped on businesses to hkd_scoped using (commune_code = any (hkd_scope()));

-- register_search follows business_versions through a trigger: as the owner, so that a version that
-- moves its business to another commune (approved by a reviewer of the old one) still reaches it.
alter function hkd_sync_register_search() security definer;
alter function hkd_sync_register_search() set search_path = public, pg_temp;
