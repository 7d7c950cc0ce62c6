-- OCR results: every recognised word with its box (for the review screen and re-extraction), and each
-- extraction of a document in the record-contract shape (a re-run appends; the newest one counts).
create table words (
    document_id bigint not null references documents (id) on delete cascade,
    page integer not null,
    seq integer not null,
    text text not null,
    conf real not null,
    x integer not null,
    y integer not null,
    w integer not null,
    h integer not null,
    line integer not null,
    block integer not null,
    primary key (document_id, page, seq)
);

create table extractions (
    id bigint generated always as identity primary key,
    document_id bigint not null references documents (id) on delete cascade,
    job_id bigint references jobs (id) on delete set null,
    layout text not null,
    record jsonb not null,
    fields jsonb not null,
    findings jsonb not null,
    fields_to_review integer not null default 0,
    errors integer not null default 0,
    min_confidence real,
    created_at timestamptz not null default now()
);
create index extractions_document_idx on extractions (document_id, id desc);
