-- Cheaper history for revised releases: no foreign keys on the history tables, and an identical
-- replacement kept once.
--
-- The history tables lose their foreign keys to etl.source_file, as core.trade_fact never had
-- them (sql/0007): each is a trigger call and an index probe per row written.
--
-- Why (measured, `npm run bench`): a revised release of 1M BACI rows writes a history row for
-- every row it replaces, into core.trade_flow_revision and, for identical values, also into
-- core.trade_fact_superseded: four foreign-key checks per row. The loader writes history rows in
-- the transaction that inserts the etl.source_file rows they name, and `unload` deletes a file's
-- history before its etl.source_file row (src/load/unload-source.ts), so the keys held anyway.
alter table core.trade_flow_revision drop constraint trade_flow_revision_file_id_fkey;
alter table core.trade_flow_revision drop constraint trade_flow_revision_superseded_by_file_id_fkey;
alter table core.trade_fact_superseded drop constraint trade_fact_superseded_file_id_fkey;
alter table core.trade_fact_superseded drop constraint trade_fact_superseded_superseded_by_file_id_fkey;

-- A row replaced by an identical one is kept once, as ids, in core.trade_fact_superseded, now
-- with its values: core.trade_flow_revision keeps only values that changed or were withdrawn.
-- Before, every identical replacement was written twice, the second time decoded to text codes
-- under four indexes (a revised 1M-row release: 882k such rows). reporting.trade_flow_as_of
-- reads both tables.
alter table core.trade_fact_superseded
  add column year smallint,
  add column is_primary boolean,
  add column reporter_iso3 text,
  add column partner_iso3 text,
  add column value numeric,
  add column currency text,
  add column net_mass_t numeric,
  add column quantity numeric,
  add column quantity_unit text;
comment on column core.trade_fact_superseded.year is 'Calendar year of the period.';
comment on column core.trade_fact_superseded.is_primary is 'False for breakdown rows.';
comment on column core.trade_fact_superseded.reporter_iso3 is 'ISO3 of the reporter as the file gave it; NULL when it did not.';
comment on column core.trade_fact_superseded.partner_iso3 is 'ISO3 of the partner as the file gave it; NULL when it did not.';
comment on column core.trade_fact_superseded.value is 'The value, identical to the one of the row that replaced it.';
comment on column core.trade_fact_superseded.currency is 'Currency of value.';
comment on column core.trade_fact_superseded.net_mass_t is 'Net mass in tonnes.';
comment on column core.trade_fact_superseded.quantity is 'Supplementary quantity.';
comment on column core.trade_fact_superseded.quantity_unit is 'The source''s supplementary quantity unit.';
comment on table core.trade_fact_superseded is 'Rows of an earlier file that a later file replaced with identical values, with those values (changed values are in core.trade_flow_revision): reporting.trade_flow_as_of reads them for the times before the later file, and unload of the later file restores them.';

-- The identical replacements core.trade_flow_revision holds, as ids.
create temp table unchanged_history on commit drop as
select dp.period_id, dr.country_id as reporter_id, dpa.country_id as partner_id, dpr.product_id, ds.series_id,
       r.file_id, r.line, r.superseded_by_file_id, r.year, r.is_primary, r.reporter_iso3, r.partner_iso3,
       r.value, r.currency, r.net_mass_t, r.quantity, r.quantity_unit
from core.trade_flow_revision r
join core.dim_period dp on dp.period = r.period
join core.dim_country dr on dr.code = r.reporter_code
join core.dim_country dpa on dpa.code = r.partner_code
join core.dim_product dpr on dpr.code = r.product_code
join core.dim_series ds on (ds.source_format, ds.classification, ds.flow, ds.partner2_code, ds.customs_code, ds.mot_code)
                         = (r.source_format, r.classification, r.flow, r.partner2_code, r.customs_code, r.mot_code)
where r.change = 'unchanged' and r.superseded_by_file_id is not null;

update core.trade_fact_superseded s
set year = u.year, is_primary = u.is_primary, reporter_iso3 = u.reporter_iso3, partner_iso3 = u.partner_iso3, value = u.value,
    currency = u.currency, net_mass_t = u.net_mass_t, quantity = u.quantity, quantity_unit = u.quantity_unit
from unchanged_history u
where (s.period_id, s.reporter_id, s.partner_id, s.product_id, s.series_id, s.file_id, s.superseded_by_file_id)
    = (u.period_id, u.reporter_id, u.partner_id, u.product_id, u.series_id, u.file_id, u.superseded_by_file_id);

-- Written before sql/0030 (no superseded row): they move.
insert into core.trade_fact_superseded (period_id, reporter_id, partner_id, product_id, series_id, file_id, line, superseded_by_file_id,
                                        year, is_primary, reporter_iso3, partner_iso3, value, currency, net_mass_t, quantity, quantity_unit)
select u.period_id, u.reporter_id, u.partner_id, u.product_id, u.series_id, u.file_id, u.line, u.superseded_by_file_id,
       u.year, u.is_primary, u.reporter_iso3, u.partner_iso3, u.value, u.currency, u.net_mass_t, u.quantity, u.quantity_unit
from unchanged_history u
where not exists (
  select 1 from core.trade_fact_superseded s
  where (s.period_id, s.reporter_id, s.partner_id, s.product_id, s.series_id, s.file_id, s.superseded_by_file_id)
      = (u.period_id, u.reporter_id, u.partner_id, u.product_id, u.series_id, u.file_id, u.superseded_by_file_id));

-- Superseded rows with no twin take the values of the row that replaced them, where it is current.
update core.trade_fact_superseded s
set year = f.year, is_primary = f.is_primary, reporter_iso3 = f.reporter_iso3, partner_iso3 = f.partner_iso3, value = f.value,
    currency = f.currency, net_mass_t = f.net_mass_t, quantity = f.quantity, quantity_unit = f.quantity_unit
from core.trade_fact f
where s.currency is null and f.file_id = s.superseded_by_file_id
  and (s.period_id, s.reporter_id, s.partner_id, s.product_id, s.series_id) = (f.period_id, f.reporter_id, f.partner_id, f.product_id, f.series_id);

delete from core.trade_flow_revision where change = 'unchanged';

comment on table core.trade_flow_revision is 'Every value a later load took out of core.trade_fact: replaced by a new value (revised) or absent from a newer release of its slice (withdrawn). Identical replacements are in core.trade_fact_superseded. With core.trade_fact they give the warehouse as of any time (reporting.trade_flow_as_of).';
comment on column core.trade_flow_revision.change is 'revised (a new value replaced it) or withdrawn (a newer release of its slice no longer has it); unchanged rows were moved to core.trade_fact_superseded by sql/0061.';

create or replace function reporting.trade_flow_as_of(as_of timestamptz)
returns table (
  source_format text, classification text, year integer, period text, reporter_code text, reporter_iso3 text,
  partner_code text, partner_iso3 text, flow text, product_code text, product_level integer,
  value_usd numeric, value_eur numeric, net_mass_t numeric, quantity numeric, quantity_unit text,
  source_file text, loaded_at timestamptz
)
language sql stable
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
  union all
  -- Identical replacements: current from their own file's load until the replacing file's.
  select s.source_format::text, s.classification::text, h.year::integer, p.period::text, r.code::text,
         coalesce(h.reporter_iso3, rc.iso3), pa.code::text, coalesce(h.partner_iso3, pc.iso3), s.flow::text, pr.code::text,
         case when pr.code ~ '^[0-9]+$' then length(pr.code) else 0 end,
         case when h.currency = 'USD' then h.value end, case when h.currency = 'EUR' then h.value end,
         h.net_mass_t, h.quantity, h.quantity_unit, sf.path, sf.loaded_at
  from core.trade_fact_superseded h
  join core.dim_series s using (series_id)
  join core.dim_period p using (period_id)
  join core.dim_country r on r.country_id = h.reporter_id
  join core.dim_country pa on pa.country_id = h.partner_id
  join core.dim_product pr using (product_id)
  join etl.source_file sf on sf.file_id = h.file_id
  join etl.source_file nf on nf.file_id = h.superseded_by_file_id
  left join core.country rc on rc.code = r.code
  left join core.country pc on pc.code = pa.code
  where coalesce(h.is_primary, s.partner2_code = '0' and s.customs_code = 'C00' and s.mot_code = '0')
    and sf.loaded_at <= as_of and nf.loaded_at > as_of
$$;
