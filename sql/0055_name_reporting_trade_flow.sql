-- reporting.trade_flow for BI users (issue 12): names of the reporter, the partner and the
-- product, which areas are aggregates, and the value in the source's own currency, so that a
-- BI user needs no schema outside reporting and a sum over partners is right by filtering one
-- column:
--
--   select reporter_name, flow, year, sum(value_usd)
--   from reporting.trade_flow
--   where not partner_is_aggregate and product_code = 'TOTAL'
--   group by 1, 2, 3;
--
-- Columns are added at the end (create or replace keeps the view's grants and dependants).
--
-- An area is an aggregate when its code, or the ISO3 the file gives, is in core.area_aggregate
-- (World, the EU, Extra-EU, ...). "nes" areas (Other Asia nes, Areas nes, Bunkers, Free zones)
-- are not: trade with them is in no other partner's row, and on real Comtrade files the sum over
-- non-aggregate partners equals the World row only with them in (tests/reporting-views.test.ts).
--
-- Product descriptions: the code table of the row's own classification where the warehouse has
-- it (H3 from Comtrade, HS17 from BACI); for other HS revisions (H1, H5, H6, "HS") the same code
-- in the newest HS table the warehouse holds (headings and chapters rarely change between
-- revisions); for CN8 (Comext) the description of its HS subheading (first six digits), of which
-- the CN code is a subdivision; NULL for SITC and for codes no table has.
-- Comtrade's ISO2 code for World maps to WLD in core.country but was not listed as an aggregate:
-- with it listed, an aggregate is found by its code or the ISO3 the file gives, never by the ISO3
-- core.country maps it to, so a query that reads no name or ISO3 (count(*)) skips the joins to
-- core.country (measured on 1M BACI rows: 1136 ms with them, 651 ms without).
insert into core.area_aggregate (code, kind, name, source) values ('WL', 'world', 'World', 'comtrade')
on conflict (code) do nothing;

-- Product descriptions are looked up by code in the roll-up and mirror views (newest HS table
-- first): the primary key leads with the classification and cannot serve that lookup.
create index product_code on core.product (code, classification);

-- Every reporting view filters on year::integer (the view's type): without statistics on that
-- expression the planner guesses 0.5 % of the rows for any year, plans nested loops for what is
-- half the table, and a roll-up of one pair took 27 s on 1M rows.
create statistics core.trade_fact_year on ((year::integer)) from core.trade_fact;

create view core.hs_description as
select distinct on (code) code, description
from core.product
where classification ~ '^(H[0-9]|HS)'
order by code, classification desc;
comment on view core.hs_description is 'One description per HS code, from the newest HS code table the warehouse holds (HS17 before H3): the fallback for rows of an HS revision that has no code table of its own.';

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
  sf.loaded_at,
  rc.name as reporter_name,
  (ra.code is not null or rai.code is not null) as reporter_is_aggregate,
  pc.name as partner_name,
  (pg.code is not null or pgi.code is not null) as partner_is_aggregate,
  coalesce(pd.description, hd.description, case when pr.code = 'TOTAL' then 'All commodities' end) as product_description,
  f.value,
  f.currency
from core.trade_fact f
join core.dim_series s using (series_id)
join core.dim_period p using (period_id)
join core.dim_country r on r.country_id = f.reporter_id
join core.dim_country pa on pa.country_id = f.partner_id
join core.dim_product pr using (product_id)
join etl.source_file sf using (file_id)
left join core.country rc on rc.code = r.code
left join core.country pc on pc.code = pa.code
left join core.area_aggregate ra on ra.code = r.code
left join core.area_aggregate rai on rai.code = f.reporter_iso3
left join core.area_aggregate pg on pg.code = pa.code
left join core.area_aggregate pgi on pgi.code = f.partner_iso3
left join core.product pd on pd.classification = s.classification collate "default" and pd.code = pr.code collate "default"
left join core.hs_description hd on hd.code = case when s.classification ~ '^(H[0-9]|HS)' then pr.code
                       when s.classification ~ '^CN' then left(pr.code, 6) end
where f.is_primary;

comment on view reporting.trade_flow is
  'One row per primary trade flow as a source declares it (breakdowns by 2nd partner, customs procedure or mode of transport are left out, so sums never double-count). To sum over partners, filter not partner_is_aggregate; to sum over products, filter one product_level. Sources are never mixed: group by source_format.';
comment on column reporting.trade_flow.source_format is 'Layout of the source file: comtrade, comtrade-plus, baci, comext.';
comment on column reporting.trade_flow.classification is 'Product classification as the source names it (H5 = HS 2017, S4 = SITC Rev.4, HS17 for BACI, CN8 for Comext).';
comment on column reporting.trade_flow.year is 'Calendar year of the period.';
comment on column reporting.trade_flow.period is 'Period as the source gives it: a year (2022) or a month (202203).';
comment on column reporting.trade_flow.reporter_code is 'Reporter as the file writes it (Comtrade/M49 number, ISO2 letters for Comext, a name in names-only exports). Join key to reporting.country.code.';
comment on column reporting.trade_flow.reporter_iso3 is 'ISO 3166 alpha-3 of the reporter, from the file or mapped from its code (Comtrade writes EUR for the EU); NULL for unknown codes.';
comment on column reporting.trade_flow.partner_code is 'Partner as the file writes it (0 = World in Comtrade). Join key to reporting.country.code.';
comment on column reporting.trade_flow.partner_iso3 is 'ISO 3166 alpha-3 of the partner, from the file or mapped from its code (W00/WLD World, EUR EU, S19 Other Asia nes, as Comtrade writes them); NULL for unknown codes.';
comment on column reporting.trade_flow.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code for anything else.';
comment on column reporting.trade_flow.product_code is 'Product code in classification (HS zero-padded to 2, 4 or 6 digits, CN 8 digits, TOTAL for all products). Join key to reporting.product (classification, code).';
comment on column reporting.trade_flow.product_level is 'Digits in the product code (2 chapter, 4 heading, 6 subheading, 8 CN); 0 for totals such as TOTAL. Files may hold several levels: sum over one level only. HS2/HS4 sums of six-digit rows are in reporting.product_rollup.';
comment on column reporting.trade_flow.value_usd is 'Trade value in US dollars, exact; NULL when the source reports another currency (see value, currency).';
comment on column reporting.trade_flow.value_eur is 'Trade value in euros (Eurostat Comext), exact; never converted.';
comment on column reporting.trade_flow.net_mass_t is 'Net mass in metric tonnes, exact; NULL where the source gives none.';
comment on column reporting.trade_flow.quantity is 'Quantity in the source''s supplementary unit (quantity_unit).';
comment on column reporting.trade_flow.quantity_unit is 'Supplementary quantity unit as the source names it (kg, l, u for items, ...).';
comment on column reporting.trade_flow.source_file is 'Path of the file (and archive member after !) the row was loaded from.';
comment on column reporting.trade_flow.loaded_at is 'When that file was loaded.';
comment on column reporting.trade_flow.reporter_name is 'Name of the reporter (from the Comtrade, BACI, ISO 3166 and Eurostat code tables); NULL for codes none of them knows.';
comment on column reporting.trade_flow.reporter_is_aggregate is 'True when the reporter stands for a sum of other areas (World, the EU as Comtrade reporter 97, ...).';
comment on column reporting.trade_flow.partner_name is 'Name of the partner; NULL for codes no code table knows.';
comment on column reporting.trade_flow.partner_is_aggregate is 'True for World and groupings such as the EU: filter these out before summing over partners. "nes" areas (Other Asia nes, Areas nes, Bunkers) are not aggregates and belong in the sum.';
comment on column reporting.trade_flow.product_description is 'Description of the product: the code table of the row''s classification, else the same code in the newest HS table held (HS revisions), the HS subheading of a CN8 code, All commodities for TOTAL; NULL for SITC and unknown codes.';
comment on column reporting.trade_flow.value is 'Trade value in the source''s currency (currency), exact: value_usd or value_eur, whichever applies.';
comment on column reporting.trade_flow.currency is 'Currency of value: USD, or EUR for Eurostat Comext.';
