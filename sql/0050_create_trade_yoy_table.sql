-- Year over year as a table kept by the loads, instead of a window over every fact per query.
--
-- Why (issue 12): the view of sql/0007 summed, picked and lagged every annual fact before a
-- filter could apply, and its ISO3 columns were computed, so `--reporter AZE --partner ISR` took
-- 45 s on a 3M-row server warehouse and 117 s embedded. Here the yearly sums, the pick of the
-- newest classification and the previous year's figures are computed once, when a load changes
-- them, for only the slices the load touched (source format, flow, reporter, the years it wrote
-- and the year after each), inside the load's transaction: a reader never sees facts and YoY out
-- of step. The key leads with (reporter, partner) and a second index with the ISO3s, so one pair
-- or one reporter is an index range however large the warehouse.
--
-- The rows are those of sql/0007's definition (tests/trade-yoy.test.ts compares both on the
-- fixtures), plus the value in the source currency (Comext is in euros), of which
-- value_yoy_pct is the change when there is no USD value.

create table core.trade_yoy (
  reporter_id integer not null,
  partner_id integer not null,
  source_format text collate "C" not null,
  flow text collate "C" not null,
  product_id integer not null,
  year integer not null,
  classification text collate "C" not null,
  classification_prev text collate "C",
  reporter_iso3 text,
  partner_iso3 text,
  value_usd numeric,
  value_usd_prev numeric,
  net_mass_t numeric,
  net_mass_t_prev numeric,
  value numeric,
  value_prev numeric,
  currency text,
  primary key (reporter_id, partner_id, source_format, flow, product_id, year)
);
create index trade_yoy_iso3 on core.trade_yoy (reporter_iso3, partner_iso3);

comment on table core.trade_yoy is 'Yearly sums of primary annual flows per (reporter, partner, source, flow, product, year) with the previous year''s, kept by the loads for the slices they touch (core.refresh_trade_yoy); read it through reporting.trade_yoy.';
comment on column core.trade_yoy.reporter_id is 'core.dim_country.country_id of the reporter.';
comment on column core.trade_yoy.partner_id is 'core.dim_country.country_id of the partner.';
comment on column core.trade_yoy.source_format is 'Layout of the source files: comtrade, comtrade-plus, baci, comext. Sources are never summed together.';
comment on column core.trade_yoy.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code.';
comment on column core.trade_yoy.product_id is 'core.dim_product.product_id.';
comment on column core.trade_yoy.year is 'Calendar year (annual periods only).';
comment on column core.trade_yoy.classification is 'Classification of the year''s figures: the newest when a year was reported in several.';
comment on column core.trade_yoy.classification_prev is 'Classification of the previous year''s figures; NULL when there are none.';
comment on column core.trade_yoy.reporter_iso3 is 'ISO3 of the reporter: as the file gives it, else from core.country.';
comment on column core.trade_yoy.partner_iso3 is 'ISO3 of the partner: as the file gives it, else from core.country.';
comment on column core.trade_yoy.value_usd is 'Sum of the year''s values in US dollars; NULL for sources in other currencies.';
comment on column core.trade_yoy.value_usd_prev is 'value_usd of the previous calendar year; NULL when that year is missing.';
comment on column core.trade_yoy.net_mass_t is 'Sum of the year''s net mass in metric tonnes.';
comment on column core.trade_yoy.net_mass_t_prev is 'net_mass_t of the previous calendar year; NULL when that year is missing.';
comment on column core.trade_yoy.value is 'Sum of the year''s values in currency (the source''s own).';
comment on column core.trade_yoy.value_prev is 'value of the previous calendar year; NULL when that year is missing.';
comment on column core.trade_yoy.currency is 'Currency of value: USD, or EUR for Eurostat Comext; NULL if a year mixed currencies (value is then NULL).';

-- Recomputes the rows of one source format's flows for the given reporters and years, and of
-- the year after each (whose previous year changed). Set-based: unnest joins rather than
-- `= any(array)` so that a rebuild of everything hashes instead of scanning arrays per row.
create function core.refresh_trade_yoy(p_source_format text, p_flows text[], p_reporters integer[], p_years integer[])
returns bigint
language plpgsql
as $$
declare
  written bigint;
begin
  delete from core.trade_yoy y
  using (select distinct unnest(p_reporters) as id) r,
        (select distinct unnest(p_flows) as flow) fl,
        (select distinct t.y + d.d as year from unnest(p_years) t(y), (values (0), (1)) d(d)) yr
  where y.source_format = p_source_format and y.reporter_id = r.id and y.flow = fl.flow and y.year = yr.year;

  insert into core.trade_yoy
    (reporter_id, partner_id, source_format, flow, product_id, year, classification, classification_prev,
     reporter_iso3, partner_iso3, value_usd, value_usd_prev, net_mass_t, net_mass_t_prev, value, value_prev, currency)
  with target as (
    select distinct t.y + d.d as year from unnest(p_years) t(y), (values (0), (1)) d(d)
  ),
  periods as (
    -- The target years and the one before each: the lag needs it.
    select p.period_id, p.period::integer as year
    from core.dim_period p
    where p.period in (select (year + d.d)::text from target, (values (0), (-1)) d(d))
  ),
  series as (
    select s.series_id, s.classification, s.flow
    from core.dim_series s
    where s.source_format = p_source_format and s.flow in (select unnest(p_flows))
  ),
  annual as (
    select f.reporter_id, f.partner_id, s.flow, f.product_id, p.year, s.classification,
           min(f.reporter_iso3) as reporter_iso3, min(f.partner_iso3) as partner_iso3,
           sum(case when f.currency = 'USD' then f.value end) as value_usd,
           sum(f.net_mass_t) as net_mass_t,
           case when min(f.currency) = max(f.currency) then sum(f.value) end as value,
           case when min(f.currency) = max(f.currency) then min(f.currency) end as currency
    from core.trade_fact f
    join periods p on p.period_id = f.period_id
    join series s on s.series_id = f.series_id
    join (select distinct unnest(p_reporters) as id) r on r.id = f.reporter_id
    where f.is_primary
    group by f.reporter_id, f.partner_id, s.flow, f.product_id, p.year, s.classification
  ),
  picked as (
    select distinct on (reporter_id, partner_id, flow, product_id, year) *
    from annual
    order by reporter_id, partner_id, flow, product_id, year, classification desc
  ),
  paired as (
    select a.*,
           lag(year) over w as prev_year,
           lag(value_usd) over w as prev_value_usd,
           lag(net_mass_t) over w as prev_net_mass_t,
           lag(value) over w as prev_value,
           lag(classification) over w as prev_classification
    from picked a
    window w as (partition by reporter_id, partner_id, flow, product_id order by year)
  )
  select x.reporter_id, x.partner_id, p_source_format, x.flow, x.product_id, x.year, x.classification,
         case when x.prev_year = x.year - 1 then x.prev_classification end,
         coalesce(x.reporter_iso3, rc.iso3), coalesce(x.partner_iso3, pc.iso3),
         x.value_usd, case when x.prev_year = x.year - 1 then x.prev_value_usd end,
         x.net_mass_t, case when x.prev_year = x.year - 1 then x.prev_net_mass_t end,
         x.value, case when x.prev_year = x.year - 1 then x.prev_value end,
         x.currency
  from paired x
  join target t on t.year = x.year
  join core.dim_country r on r.country_id = x.reporter_id
  join core.dim_country pa on pa.country_id = x.partner_id
  left join core.country rc on rc.code = r.code
  left join core.country pc on pc.code = pa.code;
  get diagnostics written = row_count;
  return written;
end
$$;

comment on function core.refresh_trade_yoy(text, text[], integer[], integer[]) is 'Recomputes core.trade_yoy for one source format''s flows, the given reporter ids and years (and the year after each); loads call it in their transaction for what they wrote.';

-- Everything loaded so far.
select core.refresh_trade_yoy(s.source_format, array_agg(distinct s.flow),
                              (select array_agg(country_id) from core.dim_country),
                              (select array_agg(period::integer) from core.dim_period where period ~ '^[0-9]{4}$'))
from core.dim_series s
group by s.source_format;

-- Descriptions are looked up by code (a code's classification in the reference need not be the
-- row's: H3 vs H5), which the key (classification, code) cannot serve.
create index product_by_code on core.product (code, classification);

-- The view keeps sql/0007's columns in their order (create or replace keeps grants) and adds
-- the source currency and names after them.
create or replace view reporting.trade_yoy as
select y.source_format,
       r.code as reporter_code,
       y.reporter_iso3,
       pa.code as partner_code,
       y.partner_iso3,
       y.flow,
       pr.code as product_code,
       y.year,
       y.classification,
       y.classification_prev,
       y.value_usd,
       y.value_usd_prev,
       coalesce(case when y.value_usd_prev <> 0 then round((y.value_usd - y.value_usd_prev) * 100 / y.value_usd_prev, 2) end,
                case when y.value_prev <> 0 then round((y.value - y.value_prev) * 100 / y.value_prev, 2) end) as value_yoy_pct,
       y.net_mass_t,
       y.net_mass_t_prev,
       case when y.net_mass_t_prev <> 0 then round((y.net_mass_t - y.net_mass_t_prev) * 100 / y.net_mass_t_prev, 2) end as net_mass_yoy_pct,
       y.value,
       y.currency,
       y.value_prev,
       rc.name as reporter_name,
       pc.name as partner_name,
       -- The row's own classification, else the newest one that has the code (H5 rows are
       -- described by the bundled H3 table): index lookups per row, so that a pair's few hundred
       -- rows never wait for a scan of the whole product table.
       coalesce((select p.description from core.product p where p.classification = y.classification collate "default" and p.code = pr.code collate "default"),
                (select p.description from core.product p where p.code = pr.code collate "default" order by p.classification desc limit 1)) as product_description
from core.trade_yoy y
join core.dim_country r on r.country_id = y.reporter_id
join core.dim_country pa on pa.country_id = y.partner_id
join core.dim_product pr on pr.product_id = y.product_id
left join core.country rc on rc.code = r.code
left join core.country pc on pc.code = pa.code;

comment on view reporting.trade_yoy is 'Year over year per source, reporter, partner, flow, product and year, from annual primary flows (sources never summed together; the newest classification of a year is used, and classification_prev says when it changed). Filter on reporter_iso3/partner_iso3 or the codes: both are indexed.';
comment on column reporting.trade_yoy.source_format is 'Layout of the source files: comtrade, comtrade-plus, baci, comext.';
comment on column reporting.trade_yoy.reporter_code is 'Reporter code as the source writes it.';
comment on column reporting.trade_yoy.reporter_iso3 is 'ISO 3166 alpha-3 of the reporter.';
comment on column reporting.trade_yoy.partner_code is 'Partner code as the source writes it.';
comment on column reporting.trade_yoy.partner_iso3 is 'ISO 3166 alpha-3 of the partner (W00/WLD = World; see reporting.country.is_aggregate).';
comment on column reporting.trade_yoy.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code.';
comment on column reporting.trade_yoy.product_code is 'Product code as loaded (HS codes zero-padded to even length, SITC, TOTAL).';
comment on column reporting.trade_yoy.year is 'Calendar year.';
comment on column reporting.trade_yoy.classification is 'Classification of this year''s figures (H5, S4, HS17, CN8).';
comment on column reporting.trade_yoy.classification_prev is 'Classification of the previous year''s figures; differs from classification when the reporter moved revision.';
comment on column reporting.trade_yoy.value_usd is 'Trade value in US dollars; NULL for sources in other currencies (see value).';
comment on column reporting.trade_yoy.value_usd_prev is 'value_usd of the previous year; NULL when that year is missing.';
comment on column reporting.trade_yoy.value_yoy_pct is 'Change of the value on the previous year in percent (33.8 = +33.8 %), in US dollars, or in the source currency when there is no USD value (Comext, euros); NULL when the previous year is missing or zero.';
comment on column reporting.trade_yoy.net_mass_t is 'Net mass in metric tonnes.';
comment on column reporting.trade_yoy.net_mass_t_prev is 'net_mass_t of the previous year; NULL when that year is missing.';
comment on column reporting.trade_yoy.net_mass_yoy_pct is 'Change of the net mass on the previous year in percent; NULL when the previous year is missing or zero.';
comment on column reporting.trade_yoy.value is 'Trade value in currency, the source''s own (euros for Comext).';
comment on column reporting.trade_yoy.currency is 'Currency of value and value_prev: USD or EUR.';
comment on column reporting.trade_yoy.value_prev is 'value of the previous year; NULL when that year is missing.';
comment on column reporting.trade_yoy.reporter_name is 'Name of the reporter (reporting.country.name).';
comment on column reporting.trade_yoy.partner_name is 'Name of the partner (reporting.country.name).';
comment on column reporting.trade_yoy.product_description is 'Description of the product code (in this row''s classification where the reference has it).';
