-- The warehouse by layer: etl (bookkeeping), staging (rename and cast only), core (typed,
-- keyed facts and reference data), reporting (the stable views BI tools read).
create schema if not exists etl;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists reporting;

create table etl.run (
  run_id bigint generated always as identity primary key,
  job text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  status text not null default 'running' check (status in ('running', 'ok', 'failed')),
  error text,
  summary jsonb
);

-- One row per loaded source: a plain file, or one member of an archive.
create table etl.source_file (
  file_id bigint generated always as identity primary key,
  sha256 text not null,
  member text not null default '',
  path text not null,
  format text not null,
  layout text not null,
  encoding text not null,
  bytes bigint not null,
  rows_read bigint not null,
  rows_loaded bigint not null,
  rows_rejected bigint not null,
  run_id bigint references etl.run (run_id),
  loaded_at timestamptz not null default now(),
  unique (sha256, member)
);

-- Rows that did not load, with where they were and why: nothing is silently dropped.
create table etl.rejected_row (
  file_id bigint not null references etl.source_file (file_id) on delete cascade,
  line integer not null,
  reason text not null,
  raw text not null,
  primary key (file_id, line)
);

-- Reference: any code a trade file uses for a country or area (Comtrade/M49 numeric codes,
-- ISO2 and ISO3 letters, Comtrade's own aggregates) to ISO3 and a name.
create table core.country (
  code text primary key,
  iso3 text,
  name text not null,
  source text not null
);

create table core.product (
  classification text not null,
  code text not null,
  level smallint not null,
  parent_code text,
  description text not null,
  primary key (classification, code)
);

-- One row per observation as the source gives it, primary and breakdown rows alike.
-- The key is the natural key of an observation: a later release of the same key replaces the
-- value here and moves the old one to core.trade_flow_revision.
--
-- Load speed is set here (measured with npm run bench, 1M BACI rows, COPY alone):
-- * key columns are collate "C": byte order, no locale lookups in every index comparison;
-- * the key leads with reporter, partner, product, the order trade files are sorted in, so
--   a COPY appends to the index instead of scattering (9.4 s -> 3.2 s with the next point);
-- * file_id has no foreign key: a per-row RI trigger cost 3.8 s per million rows, and the
--   loader writes file_id in the same transaction that creates the etl.source_file row;
-- * and no index: nothing looks rows up by file, and keeping one cost a fifth of the load
--   (backend CPU of a COPY of 1M BACI rows 3.1 -> 2.5 s; npm run bench 1M 298k -> 370k rows/s).
-- * the breakdown columns default to "no breakdown" (TOTAL_* in src/transform/trade-row.ts), so
--   a layout without breakdowns (BACI) leaves them out of its COPY: 13 columns instead of 17,
--   backend CPU 2.65 -> 2.50 s per 1M rows (psql COPY, mean of 6).
-- Numeric codes do not sort as numbers in "C" ('12' < '4'), so a file sorted by code inserts
-- in runs, not at the end. An ICU numeric collation on reporter_code made 1M rows sorted by
-- reporter append (backend CPU 2.5 -> 2.2 s) but made the bench's 5M file, sorted by partner,
-- 50 % slower (15 -> 23 s): comparisons cost more wherever rows do not arrive in key order.
create table core.trade_flow (
  source_format text collate "C" not null,
  classification text collate "C" not null,
  period text collate "C" not null,
  year smallint not null,
  reporter_code text collate "C" not null,
  partner_code text collate "C" not null,
  partner2_code text collate "C" not null default '0',
  customs_code text collate "C" not null default 'C00',
  mot_code text collate "C" not null default '0',
  flow text collate "C" not null,
  product_code text collate "C" not null,
  is_primary boolean not null default true,
  reporter_iso3 text,
  partner_iso3 text,
  value numeric,
  currency text not null,
  net_mass_t numeric,
  quantity numeric,
  quantity_unit text,
  flag text,
  file_id bigint not null,
  line integer not null,
  primary key (reporter_code, partner_code, product_code, period, flow, source_format, classification,
               partner2_code, customs_code, mot_code)
);

create table core.trade_flow_revision (
  source_format text not null,
  classification text not null,
  period text not null,
  reporter_code text not null,
  partner_code text not null,
  partner2_code text not null,
  customs_code text not null,
  mot_code text not null,
  flow text not null,
  product_code text not null,
  value numeric,
  currency text not null,
  net_mass_t numeric,
  quantity numeric,
  file_id bigint not null references etl.source_file (file_id),
  line integer not null,
  superseded_by_file_id bigint not null references etl.source_file (file_id),
  superseded_at timestamptz not null default now()
);
create index trade_flow_revision_key on core.trade_flow_revision
  (source_format, reporter_code, partner_code, product_code, period);
