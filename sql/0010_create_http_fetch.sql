-- Every HTTP fetch a job made: what was asked, what came back, and the validators the next
-- conditional GET sends. URLs are stored redacted (no password, no key parameter).
create table etl.http_fetch (
  fetch_id bigint generated always as identity primary key,
  run_id bigint references etl.run (run_id),
  job text not null,
  url text not null,
  final_url text not null,
  http_status integer,
  outcome text not null check (outcome in ('downloaded', 'not-modified', 'failed')),
  etag text,
  last_modified text,
  bytes bigint not null,
  sha256 text,
  attempts integer not null,
  started_at timestamptz not null,
  ms integer not null,
  error text
);
create index http_fetch_url on etl.http_fetch (url, started_at desc);

comment on table etl.http_fetch is 'One row per HTTP fetch (retries included in attempts): URL (secrets redacted), status, ETag, Last-Modified, bytes downloaded, sha256 of the body, time, and the error when it failed.';
comment on column etl.http_fetch.url is 'The URL as configured, password and key-like query parameters replaced by ***.';
comment on column etl.http_fetch.final_url is 'Where the body came from after redirects, redacted the same way.';
comment on column etl.http_fetch.http_status is 'Status of the last answer (304 when nothing changed upstream); NULL when no answer came.';
comment on column etl.http_fetch.outcome is 'downloaded (a new body in the cache), not-modified (304: the cached copy is current) or failed.';
comment on column etl.http_fetch.bytes is 'Bytes that came over the wire for this fetch: 0 on a 304.';
comment on column etl.http_fetch.sha256 is 'sha256 of the whole body (the cached one on a 304); matches etl.source_file.sha256 once loaded.';
comment on column etl.http_fetch.attempts is 'Tries made, the first included.';
comment on column etl.http_fetch.ms is 'Milliseconds from the first try to the end, waits between tries included.';
