-- A release replaces its slice (issue 8). A URL source (a BACI zip, a Comtrade bulk file, one
-- Comtrade API slice) is published whole: when a newer release of it is loaded, the flows the
-- older release had and the newer one no longer has are withdrawn, not left behind. They move
-- to core.trade_flow_revision with change = 'withdrawn', so the history still has them.
--
-- "What did the warehouse say on date D" needs every row a load replaced, unchanged ones too:
-- a value that v2 repeats from v1 is current with v2's file and time, and without its v1 row in
-- the history the warehouse as of a date between v1 and v2 would lack it. Those rows are kept
-- with change = 'unchanged'; reporting.trade_flow_revision ("what changed?") leaves them out.

alter table etl.source_file add column slice text;
comment on column etl.source_file.slice is 'The source this file is a release of (the URL as configured, redacted): a newer release of the same slice withdraws the flows it no longer has. NULL for local files.';
create index source_file_slice on etl.source_file (slice) where slice is not null;

alter table core.trade_flow_revision add column change text not null default 'revised'
  check (change in ('revised', 'unchanged', 'withdrawn'));
alter table core.trade_flow_revision add column year smallint;
alter table core.trade_flow_revision add column is_primary boolean;
alter table core.trade_flow_revision add column reporter_iso3 text;
alter table core.trade_flow_revision add column partner_iso3 text;
alter table core.trade_flow_revision add column quantity_unit text;
alter table core.trade_flow_revision alter column superseded_by_file_id drop not null;
create index trade_flow_revision_superseded_at on core.trade_flow_revision (superseded_at);

comment on table core.trade_flow_revision is 'Every row a later load took out of core.trade_fact: replaced by a new value (revised), by the same value (unchanged), or absent from a newer release of its slice (withdrawn). With core.trade_fact it gives the warehouse as of any time (reporting.trade_flow_as_of).';
comment on column core.trade_flow_revision.change is 'revised (a new value replaced it), unchanged (a later file repeated it), withdrawn (a newer release of its slice no longer has it).';
comment on column core.trade_flow_revision.year is 'Calendar year of the period; NULL in rows written before sql/0020 (read left(period, 4)).';
comment on column core.trade_flow_revision.is_primary is 'False for breakdown rows; NULL in rows written before sql/0020 (primary when partner2_code = 0, customs_code = C00 and mot_code = 0).';
comment on column core.trade_flow_revision.reporter_iso3 is 'ISO3 of the reporter as the file gave it; NULL when it did not.';
comment on column core.trade_flow_revision.partner_iso3 is 'ISO3 of the partner as the file gave it; NULL when it did not.';
comment on column core.trade_flow_revision.quantity_unit is 'The source''s supplementary quantity unit.';
comment on column core.trade_flow_revision.superseded_by_file_id is 'The file whose load replaced or withdrew the row; NULL when a withdrawal came with no file (a slice now empty).';
comment on column core.trade_flow_revision.superseded_at is 'When the row stopped being current (the time of the load that replaced or withdrew it).';

create or replace view reporting.trade_flow_revision as
select r.source_format, r.classification, r.period, r.reporter_code, r.partner_code, r.flow, r.product_code,
       r.partner2_code, r.customs_code, r.mot_code,
       case when r.currency = 'USD' then r.value end as value_usd,
       case when r.currency = 'EUR' then r.value end as value_eur,
       r.net_mass_t, r.quantity,
       old.path as source_file, old.loaded_at,
       new.path as superseded_by_file, r.superseded_at,
       r.change
from core.trade_flow_revision r
join etl.source_file old on old.file_id = r.file_id
left join etl.source_file new on new.file_id = r.superseded_by_file_id
where r.change <> 'unchanged';

comment on view reporting.trade_flow_revision is
  'Values a later release replaced (change = revised) or withdrew (change = withdrawn: the newer release of the same source no longer has the flow): the old value, the file and time it came from, and the file that replaced or withdrew it. The current value is in reporting.trade_flow; the warehouse as of a date is reporting.trade_flow_as_of(date).';
comment on column reporting.trade_flow_revision.change is 'revised: a new value replaced this one; withdrawn: the newer release of the same source no longer has the flow.';
comment on column reporting.trade_flow_revision.superseded_by_file is 'The file whose load replaced or withdrew the value; NULL when a slice came back empty.';

-- The primary flows as reporting.trade_flow showed them at a time: rows current now that were
-- loaded by then, and rows taken out since that were loaded by then. Times are the loads'
-- transaction times (etl.source_file.loaded_at, core.trade_flow_revision.superseded_at).
create function reporting.trade_flow_as_of(as_of timestamptz)
returns table (
  source_format text, classification text, year integer, period text, reporter_code text, reporter_iso3 text,
  partner_code text, partner_iso3 text, flow text, product_code text, product_level integer,
  value_usd numeric, value_eur numeric, net_mass_t numeric, quantity numeric, quantity_unit text,
  source_file text, loaded_at timestamptz
)
language sql stable
-- A reader granted only the reporting schema reads through it, as through the views (which run
-- with their owner's rights): the function does too, on a fixed search path.
security definer
set search_path = pg_catalog, pg_temp
as $$
  select s.source_format::text, s.classification::text, f.year::integer, p.period::text, r.code::text,
         coalesce(f.reporter_iso3, rc.iso3), pa.code::text, coalesce(f.partner_iso3, pc.iso3), s.flow::text, pr.code::text,
         case when pr.code ~ '^[0-9]+$' then length(pr.code) else 0 end,
         case when f.currency = 'USD' then f.value end, case when f.currency = 'EUR' then f.value end,
         f.net_mass_t, f.quantity, f.quantity_unit, sf.path, sf.loaded_at
  from core.trade_fact f
  join core.dim_series s using (series_id)
  join core.dim_period p using (period_id)
  join core.dim_country r on r.country_id = f.reporter_id
  join core.dim_country pa on pa.country_id = f.partner_id
  join core.dim_product pr using (product_id)
  join etl.source_file sf using (file_id)
  left join core.country rc on rc.code = r.code
  left join core.country pc on pc.code = pa.code
  where f.is_primary and sf.loaded_at <= as_of
  union all
  select h.source_format, h.classification, coalesce(h.year::integer, left(h.period, 4)::integer), h.period, h.reporter_code,
         coalesce(h.reporter_iso3, rc.iso3), h.partner_code, coalesce(h.partner_iso3, pc.iso3), h.flow, h.product_code,
         case when h.product_code ~ '^[0-9]+$' then length(h.product_code) else 0 end,
         case when h.currency = 'USD' then h.value end, case when h.currency = 'EUR' then h.value end,
         h.net_mass_t, h.quantity, h.quantity_unit, sf.path, sf.loaded_at
  from core.trade_flow_revision h
  join etl.source_file sf on sf.file_id = h.file_id
  left join core.country rc on rc.code = h.reporter_code
  left join core.country pc on pc.code = h.partner_code
  where coalesce(h.is_primary, h.partner2_code = '0' and h.customs_code = 'C00' and h.mot_code = '0')
    and sf.loaded_at <= as_of and h.superseded_at > as_of
$$;

comment on function reporting.trade_flow_as_of(timestamptz) is
  'The primary flows as reporting.trade_flow showed them at the given time: what was loaded by then and not yet replaced or withdrawn. select * from reporting.trade_flow_as_of(''2026-01-31'') answers "what did the warehouse say on that date".';
