create view reporting.trade_flow as
select
  f.source_format,
  f.classification,
  f.year::integer as year,
  f.period,
  f.reporter_code,
  coalesce(f.reporter_iso3, rc.iso3) as reporter_iso3,
  f.partner_code,
  coalesce(f.partner_iso3, pc.iso3) as partner_iso3,
  f.flow,
  f.product_code,
  case when f.product_code ~ '^[0-9]+$' then length(f.product_code) else 0 end as product_level,
  case when f.currency = 'USD' then f.value end as value_usd,
  case when f.currency = 'EUR' then f.value end as value_eur,
  f.net_mass_t,
  f.quantity,
  f.quantity_unit,
  s.path as source_file,
  s.loaded_at
from core.trade_flow f
join etl.source_file s using (file_id)
left join core.country rc on rc.code = f.reporter_code
left join core.country pc on pc.code = f.partner_code
where f.is_primary;

comment on view reporting.trade_flow is
  'One row per primary trade flow (breakdowns by 2nd partner, customs procedure or mode of transport are left out, so sums never double-count).';
comment on column reporting.trade_flow.source_format is 'Layout of the source file: comtrade, comtrade-plus, baci, comext.';
comment on column reporting.trade_flow.classification is 'Product classification as the source names it (H5 = HS 2017, S4 = SITC Rev.4, HS17 for BACI, CN8 for Comext).';
comment on column reporting.trade_flow.period is 'Period as the source gives it: a year (2022) or a month (202203).';
comment on column reporting.trade_flow.reporter_iso3 is 'ISO 3166 alpha-3 of the reporter, from the file or mapped from its code; NULL for aggregates and unknown codes.';
comment on column reporting.trade_flow.partner_iso3 is 'ISO 3166 alpha-3 of the partner, from the file or mapped from its code; NULL for World, aggregates and unknown codes.';
comment on column reporting.trade_flow.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code for anything else.';
comment on column reporting.trade_flow.product_level is 'Digits in the product code (2, 4, 6, 8); 0 for totals such as TOTAL.';
comment on column reporting.trade_flow.value_usd is 'Trade value in US dollars, exact; NULL when the source reports another currency.';
comment on column reporting.trade_flow.value_eur is 'Trade value in euros (Eurostat Comext), exact; never converted.';
comment on column reporting.trade_flow.net_mass_t is 'Net mass in metric tonnes, exact.';
comment on column reporting.trade_flow.quantity is 'Quantity in the source''s supplementary unit (quantity_unit).';
comment on column reporting.trade_flow.source_file is 'Path of the file (and archive member) the row was loaded from.';

-- Year over year, per source and series. The classification is not in the key, so a series
-- continues across HS revisions; when one year has the same series in two classifications the
-- newest one counts, and classification_prev says when it changed.
create view reporting.trade_yoy as
with annual as (
  select source_format, classification, reporter_code, reporter_iso3, partner_code, partner_iso3,
         flow, product_code, year,
         sum(value_usd) as value_usd, sum(net_mass_t) as net_mass_t
  from reporting.trade_flow
  where period = year::text
  group by source_format, classification, reporter_code, reporter_iso3, partner_code, partner_iso3,
           flow, product_code, year
),
picked as (
  select distinct on (source_format, reporter_code, partner_code, flow, product_code, year) *
  from annual
  order by source_format, reporter_code, partner_code, flow, product_code, year, classification desc
),
paired as (
  select p.*,
         lag(year) over w as prev_year,
         lag(value_usd) over w as prev_value_usd,
         lag(net_mass_t) over w as prev_net_mass_t,
         lag(classification) over w as prev_classification
  from picked p
  window w as (partition by source_format, reporter_code, partner_code, flow, product_code order by year)
)
select source_format, reporter_code, reporter_iso3, partner_code, partner_iso3, flow, product_code, year,
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
from paired;

comment on view reporting.trade_yoy is
  'Year-over-year change per source, reporter, partner, flow and product, from annual primary rows. _pct columns are percentages (33.8 = +33.8 %), NULL when the previous year is missing or zero.';
comment on column reporting.trade_yoy.classification_prev is 'Classification of the previous year''s row; differs from classification where the series crossed an HS revision.';
comment on column reporting.trade_yoy.value_yoy_pct is 'Change of value_usd on the previous year in percent, rounded to 2 decimals.';
comment on column reporting.trade_yoy.net_mass_yoy_pct is 'Change of net_mass_t on the previous year in percent, rounded to 2 decimals.';
