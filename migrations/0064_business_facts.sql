-- Facts about a business's past, from every certificate read, not only from the certificate of that
-- kind: an amendment prints the first registration date and its own number (amendment N means N
-- amendments by then), and for most of the backlog the first scan that reaches the register is an
-- amendment. Exports (CSV, xlsx and its charts), the dashboard, the register list and the business page
-- all read these facts from this one function, so their figures cannot disagree. A plain SQL function:
-- the planner inlines it, so `where business_id = $n` reaches the index on (business_id, effective_on).
create function hkd_business_facts(as_of date)
returns table (business_id bigint, first_registered_on date, last_changed_on date, amendments integer,
               ended_on date)
language sql stable parallel safe
as $$
    select business_id,
           coalesce(min(effective_on) filter (where kind = 'first_registration'),
                    min((record ->> 'first_registered_on')::date)) as first_registered_on,
           max(effective_on) as last_changed_on,
           greatest(count(*) filter (where kind = 'amendment'),
                    coalesce(max(amendment_number) filter (where kind = 'amendment'), 0))::integer
               as amendments,
           max(effective_on) filter (where kind in ('termination', 'revocation')) as ended_on
    from business_versions
    where effective_on <= as_of
    group by business_id
$$;
