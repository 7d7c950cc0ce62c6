-- Search words through a full-text index of the unaccented search text (one posting list per word,
-- prefixes with :*), instead of trigram LIKE: common words ("tiem", "banh", "nguyen") made the trigram
-- bitmaps large — 30 ms per search at 20k businesses.
create index business_versions_words_idx on business_versions
    using gin (to_tsvector('simple'::regconfig, search_text)) where upper_inf(valid);
create index business_versions_words_all_idx on business_versions
    using gin (to_tsvector('simple'::regconfig, search_text));
