-- Personal IDs are not search words (Decree 13/2023, issue 14): the owner's ID number and a 2025
-- registration code (which is the owner's 12-digit personal ID) were words of the searchable text,
-- matched by prefix, so anybody could recover a masked ID one digit at a time. They are found whole
-- through the identifier path, by the roles that may see them (service/register/search.py). The
-- words are re-derived from the columns they are made of (service.register.model.normalise); the
-- trigger of 0027 refreshes register_search for the current versions.
update business_versions v
set search_text = hkd_search_text(concat_ws(' ', v.business_name, v.owner_name, v.address,
        case when v.registration_number ~ '^[0-9]{12}$' then null else v.registration_number end))
where v.search_text is distinct from hkd_search_text(concat_ws(' ', v.business_name, v.owner_name, v.address,
        case when v.registration_number ~ '^[0-9]{12}$' then null else v.registration_number end));

-- Search and autocomplete are rate-limited per user: one token bucket per (user, action), taken in one
-- statement (service/request_throttle.py), so parallel requests cannot all pass a check.
create table request_buckets (
    user_id bigint not null references users (id) on delete cascade,
    action text not null,
    tokens double precision not null,
    refilled_at timestamptz not null default now(),
    primary key (user_id, action)
);
