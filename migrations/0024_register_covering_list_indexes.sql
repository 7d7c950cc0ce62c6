-- List pages read the ids of one page straight from an index in name order (an index-only scan), then
-- fetch those 50 rows. For that the name-ordered indexes carry the columns the list filters test (status,
-- sections, commune), so a filtered page or a capped count never visits the table for rows it skips:
-- a VSIC-section page at offset 450 went through 9,600 table rows (26 ms), now through index entries.
create index business_versions_current_name_cover_idx on business_versions (business_name, business_id)
    include (id, status, sections, commune_code) where upper_inf(valid);
create index business_versions_current_commune_cover_idx
    on business_versions (commune_code, business_name, business_id) include (id, status, sections)
    where upper_inf(valid);
drop index business_versions_current_name_idx;
drop index business_versions_current_commune_name_idx;
