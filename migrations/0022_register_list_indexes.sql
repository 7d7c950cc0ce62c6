-- List pages of the current register come in name order, often within one commune: read them from an
-- index in that order instead of sorting every current version (100k rows: 100+ ms → ~1 ms).
create index business_versions_current_name_idx on business_versions (business_name, business_id)
    where upper_inf(valid);
create index business_versions_current_commune_name_idx
    on business_versions (commune_code, business_name, business_id) where upper_inf(valid);
create index business_versions_current_commune_text_idx on business_versions (hkd_unaccent(commune_name))
    where upper_inf(valid);
drop index business_versions_commune_idx;

-- Search: the searchable text is unaccented, lower case, words separated by single spaces and padded
-- with a space at each end, so that every query word is a LIKE '% word%' the trigram index answers
-- exactly (cheap rechecks), and a misspelt word is first corrected against the register's own words.
create function hkd_search_text(text) returns text
    language sql immutable parallel safe strict
    return ' ' || trim(regexp_replace(hkd_unaccent($1), '[^[:alnum:]]+', ' ', 'g')) || ' ';

create table register_words (word text primary key);
create index register_words_trgm_idx on register_words using gin (word gin_trgm_ops);
