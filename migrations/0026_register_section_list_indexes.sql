-- List pages filtered by VSIC section walked the whole name-ordered index testing each entry's bits:
-- a section held by 9 % of businesses read ~22,000 entries to count its first 2,001 (16.6 ms mean,
-- the slowest list pages of the register benchmark). One small partial index per section (A–U, bit
-- letter − 'A' of hkd_section_bits) holds only that section's current versions in name order, so the
-- page and the capped count read just the entries they return. The query names the bit as a literal
-- (search.py) so that the planner can match the index predicate.
do $$
declare
    letter text;
begin
    for i in 0..20 loop
        letter := lower(chr(65 + i));
        execute format(
            'create index business_versions_current_section_%s_idx on business_versions '
            '(business_name, business_id) include (id, status, commune_code) '
            'where upper_inf(valid) and section_bits & %s <> 0',
            letter, 1 << i);
    end loop;
end
$$;
