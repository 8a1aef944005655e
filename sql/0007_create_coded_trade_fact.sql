-- The trade facts keyed by small integer ids instead of ten text codes.
--
-- Why (measured, issue 11): maintaining the 10-column text key of sql/0001 was 68-78 % of the
-- server's work of a load and grew faster than the file, because rows arrive in the file's
-- numeric order (year, reporter, partner, product) while that key sorted text codes reporter
-- first ('100' < '12' < '4') and period late: every year of a multi-year file revisited every
-- leaf of an index larger than shared buffers. Here the key is five integers, period first, and
-- the loader hands out ids in code order (from the reference tables) or in arrival order, so a
-- COPY of a sorted file appends at the right edge of the index.
--
-- core.trade_flow keeps every column, type and meaning it had: it is now a view that decodes the
-- ids. file_id and line stay per row; core.trade_flow_revision is unchanged (codes, as before).
-- Loads write core.trade_fact and the dimension tables (src/load/trade-flow-table.ts); the ids are
-- the warehouse's own and mean nothing outside it.

create table core.dim_period (
  period_id integer primary key,
  period text collate "C" not null unique
);
comment on table core.dim_period is 'Periods as the sources write them (2022, 202203), one id each; ids are the warehouse''s own.';
comment on column core.dim_period.period_id is 'Id used in core.trade_fact.period_id.';
comment on column core.dim_period.period is 'Period as the source gives it: a year (2022) or a month (202203).';

create table core.dim_country (
  country_id integer primary key,
  code text collate "C" not null unique
);
comment on table core.dim_country is 'Every code a trade file uses for a reporter or partner (Comtrade/M49 numbers, ISO2/ISO3 letters, names in names-only exports), one id each. Numeric codes known to core.country get ids in numeric order, so files sorted by code append.';
comment on column core.dim_country.country_id is 'Id used in core.trade_fact.reporter_id and partner_id.';
comment on column core.dim_country.code is 'The code exactly as the source writes it (core.country maps it to ISO3 and a name).';

create table core.dim_product (
  product_id integer primary key,
  code text collate "C" not null unique
);
comment on table core.dim_product is 'Every product code a trade file uses (HS2-HS6, CN8, SITC, TOTAL), one id each; what a code means depends on the row''s classification (core.dim_series).';
comment on column core.dim_product.product_id is 'Id used in core.trade_fact.product_id.';
comment on column core.dim_product.code is 'Product code as loaded (HS codes zero-padded to even length).';

create table core.dim_series (
  series_id integer primary key,
  source_format text collate "C" not null,
  classification text collate "C" not null,
  flow text collate "C" not null,
  partner2_code text collate "C" not null,
  customs_code text collate "C" not null,
  mot_code text collate "C" not null,
  unique (source_format, classification, flow, partner2_code, customs_code, mot_code)
);
comment on table core.dim_series is 'The rest of a flow''s natural key: source layout, classification, flow and breakdown (2nd partner, customs procedure, mode of transport), one id per combination.';
comment on column core.dim_series.series_id is 'Id used in core.trade_fact.series_id.';
comment on column core.dim_series.source_format is 'Layout of the source file: comtrade, comtrade-plus, baci, comext.';
comment on column core.dim_series.classification is 'Product classification as the source names it (H5, S4, HS17, CN8).';
comment on column core.dim_series.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code.';
comment on column core.dim_series.partner2_code is '2nd partner code; 0 = no breakdown.';
comment on column core.dim_series.customs_code is 'Customs procedure code; C00 = all procedures.';
comment on column core.dim_series.mot_code is 'Mode of transport code (Comtrade Plus: motCode/mosCode when the mode of supply is not 0); 0 = all modes.';

-- No foreign keys to the dimensions and no index besides the key, for the same reasons as
-- sql/0001 (a per-row RI check and a second index each cost a fifth of a load or more): the
-- loader writes the dimension rows in the same transaction as the facts that use them.
create table core.trade_fact (
  period_id integer not null,
  reporter_id integer not null,
  partner_id integer not null,
  product_id integer not null,
  series_id integer not null,
  year smallint not null,
  is_primary boolean not null,
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
  primary key (period_id, reporter_id, partner_id, product_id, series_id)
);
comment on table core.trade_fact is 'One row per observation as the source gives it, keyed by dimension ids (period, reporter, partner, product, series); core.trade_flow shows it with codes. A later release of the same key replaces the row and moves the old value to core.trade_flow_revision.';
comment on column core.trade_fact.period_id is 'core.dim_period.period_id.';
comment on column core.trade_fact.reporter_id is 'core.dim_country.country_id of the reporter.';
comment on column core.trade_fact.partner_id is 'core.dim_country.country_id of the partner.';
comment on column core.trade_fact.product_id is 'core.dim_product.product_id.';
comment on column core.trade_fact.series_id is 'core.dim_series.series_id: layout, classification, flow and breakdown.';
comment on column core.trade_fact.year is 'Calendar year of the period.';
comment on column core.trade_fact.is_primary is 'False for breakdown rows (by 2nd partner, customs procedure, transport mode).';
comment on column core.trade_fact.reporter_iso3 is 'ISO3 of the reporter as the file gives it; NULL when it does not (reporting views fall back to core.country).';
comment on column core.trade_fact.partner_iso3 is 'ISO3 of the partner as the file gives it; NULL when it does not.';
comment on column core.trade_fact.value is 'Trade value in currency, exact.';
comment on column core.trade_fact.currency is 'USD, or EUR for Eurostat Comext.';
comment on column core.trade_fact.net_mass_t is 'Net mass in metric tonnes, exact.';
comment on column core.trade_fact.quantity is 'Quantity in quantity_unit.';
comment on column core.trade_fact.quantity_unit is 'The source''s supplementary quantity unit.';
comment on column core.trade_fact.flag is 'The source''s estimation flag.';
comment on column core.trade_fact.file_id is 'etl.source_file the row was loaded from.';
comment on column core.trade_fact.line is 'Line of that file the row starts on.';

-- Rows already loaded move over: codes get ids in the order the loader would give them.
insert into core.dim_period (period_id, period)
select row_number() over (order by period), period from (select distinct period from core.trade_flow) p;
insert into core.dim_country (country_id, code)
select row_number() over (order by code ~ '^[0-9]+$' desc, length(code), code), code
from (select reporter_code as code from core.trade_flow union select partner_code from core.trade_flow union select code from core.country) c;
insert into core.dim_product (product_id, code)
select row_number() over (order by code), code
from (select distinct product_code as code from core.trade_flow) p;
insert into core.dim_series (series_id, source_format, classification, flow, partner2_code, customs_code, mot_code)
select row_number() over (order by source_format, classification, flow, partner2_code, customs_code, mot_code), *
from (select distinct source_format, classification, flow, partner2_code, customs_code, mot_code from core.trade_flow) s;
insert into core.trade_fact
select p.period_id, r.country_id, pa.country_id, pr.product_id, s.series_id, f.year, f.is_primary, f.reporter_iso3,
       f.partner_iso3, f.value, f.currency, f.net_mass_t, f.quantity, f.quantity_unit, f.flag, f.file_id, f.line
from core.trade_flow f
join core.dim_period p on p.period = f.period
join core.dim_country r on r.code = f.reporter_code
join core.dim_country pa on pa.code = f.partner_code
join core.dim_product pr on pr.code = f.product_code
join core.dim_series s on (s.source_format, s.classification, s.flow, s.partner2_code, s.customs_code, s.mot_code)
                        = (f.source_format, f.classification, f.flow, f.partner2_code, f.customs_code, f.mot_code);

-- The reporting views move off the old table before it goes (create or replace keeps their
-- grants). They filter (is_primary) and join on ids; codes are decoded through the small
-- dimension tables.
create or replace view reporting.trade_flow as
select
  s.source_format,
  s.classification,
  f.year::integer as year,
  p.period,
  r.code as reporter_code,
  coalesce(f.reporter_iso3, rc.iso3) as reporter_iso3,
  pa.code as partner_code,
  coalesce(f.partner_iso3, pc.iso3) as partner_iso3,
  s.flow,
  pr.code as product_code,
  case when pr.code ~ '^[0-9]+$' then length(pr.code) else 0 end as product_level,
  case when f.currency = 'USD' then f.value end as value_usd,
  case when f.currency = 'EUR' then f.value end as value_eur,
  f.net_mass_t,
  f.quantity,
  f.quantity_unit,
  sf.path as source_file,
  sf.loaded_at
from core.trade_fact f
join core.dim_series s using (series_id)
join core.dim_period p using (period_id)
join core.dim_country r on r.country_id = f.reporter_id
join core.dim_country pa on pa.country_id = f.partner_id
join core.dim_product pr using (product_id)
join etl.source_file sf using (file_id)
left join core.country rc on rc.code = r.code
left join core.country pc on pc.code = pa.code
where f.is_primary;

-- Year over year on ids: annual sums, the pick of the newest classification and the lag over
-- years run on integers; codes are decoded once per output row.
create or replace view reporting.trade_yoy as
with annual as (
  select s.source_format, s.classification, f.reporter_id, coalesce(f.reporter_iso3, rc.iso3) as reporter_iso3,
         f.partner_id, coalesce(f.partner_iso3, pc.iso3) as partner_iso3, s.flow, f.product_id, f.year::integer as year,
         sum(case when f.currency = 'USD' then f.value end) as value_usd, sum(f.net_mass_t) as net_mass_t
  from core.trade_fact f
  join core.dim_series s using (series_id)
  join core.dim_period p using (period_id)
  join core.dim_country r on r.country_id = f.reporter_id
  join core.dim_country pa on pa.country_id = f.partner_id
  left join core.country rc on rc.code = r.code
  left join core.country pc on pc.code = pa.code
  where f.is_primary and p.period = f.year::text
  group by s.source_format, s.classification, f.reporter_id, 4, f.partner_id, 6, s.flow, f.product_id, f.year
),
picked as (
  select distinct on (source_format, reporter_id, partner_id, flow, product_id, year) *
  from annual
  order by source_format, reporter_id, partner_id, flow, product_id, year, classification desc
),
paired as (
  select p.*,
         lag(year) over w as prev_year,
         lag(value_usd) over w as prev_value_usd,
         lag(net_mass_t) over w as prev_net_mass_t,
         lag(classification) over w as prev_classification
  from picked p
  window w as (partition by source_format, reporter_id, partner_id, flow, product_id order by year)
)
select source_format, r.code as reporter_code, reporter_iso3, pa.code as partner_code, partner_iso3, flow,
       pr.code as product_code, year,
       classification,
       case when prev_year = year - 1 then prev_classification end as classification_prev,
       value_usd,
       case when prev_year = year - 1 then prev_value_usd end as value_usd_prev,
       case when prev_year = year - 1 and prev_value_usd <> 0
            then round((value_usd - prev_value_usd) * 100 / prev_value_usd, 2) end as value_yoy_pct,
       net_mass_t,
       case when prev_year = year - 1 then prev_net_mass_t end as net_mass_t_prev,
       case when prev_year = year - 1 and prev_net_mass_t <> 0
            then round((net_mass_t - prev_net_mass_t) * 100 / prev_net_mass_t, 2) end as net_mass_yoy_pct
from paired
join core.dim_country r on r.country_id = paired.reporter_id
join core.dim_country pa on pa.country_id = paired.partner_id
join core.dim_product pr on pr.product_id = paired.product_id;

drop table core.trade_flow;

create view core.trade_flow as
select s.source_format, s.classification, p.period, f.year, r.code as reporter_code, pa.code as partner_code,
       s.partner2_code, s.customs_code, s.mot_code, s.flow, pr.code as product_code, f.is_primary,
       f.reporter_iso3, f.partner_iso3, f.value, f.currency, f.net_mass_t, f.quantity, f.quantity_unit, f.flag,
       f.file_id, f.line
from core.trade_fact f
join core.dim_series s using (series_id)
join core.dim_period p using (period_id)
join core.dim_country r on r.country_id = f.reporter_id
join core.dim_country pa on pa.country_id = f.partner_id
join core.dim_product pr using (product_id);
comment on view core.trade_flow is 'core.trade_fact with its codes: one row per observation as the source gives it, primary and breakdown rows alike, in the columns sql/0001 gave this table. Read-only: loads write core.trade_fact (src/load/trade-flow-table.ts).';
