-- Year over year computed from the facts when asked, instead of a table every load rewrites.
--
-- Why (measured, `npm run bench`): core.trade_yoy (sql/0050) was recomputed inside each load's
-- transaction for the slices it touched. For BACI, whose rows are already one per reporter,
-- partner, product and year, that wrote a second copy of every row with a second key: a 1M-row
-- load went from ~2.5 s to 14.6 s (0.14x psql \copy), and a revised release to 47.8 s (3.3x a
-- first load).
--
-- Here the view sums, picks and lags the facts of what a query asks for, and nothing is kept.
-- What makes that fast is where a filter lands: every column a user filters on (the codes, the
-- ISO3s and names of reporter and partner, the product code, the flow, the source) is a column
-- of a dimension row and is in the GROUP BY, the DISTINCT ON and the PARTITION BY of the view, so
-- PostgreSQL applies `reporter_iso3 = 'AZE'` to core.dim_country before anything is summed, and
-- reads the facts as index ranges of the key (period_id, reporter_id, partner_id, ...): one per
-- annual period and reporter (and partner), whatever the size of the warehouse.
--
-- For that the ISO3 must belong to the code, not to a fact row: core.dim_country.file_iso3 is the
-- ISO3 the first file that used the code gave with it (Comtrade Plus files carry ISO3 columns;
-- BACI and legacy files do not), and the view's ISO3 is that, else the one core.country maps the
-- code to: the precedence reporting.trade_flow applies per row, here per code. Loads write it for
-- the codes they meet without one.
--
-- Product descriptions come by one join on (classification, code), the fallback lookup only for
-- codes that join misses: a correlated lookup per row cost 0.1 ms a row on PGlite (one pair's
-- 500 rows, 1M BACI rows embedded: 65-80 ms with it, 39.5 ms with the join, the same rows).

alter table core.dim_country add column file_iso3 text;
comment on column core.dim_country.file_iso3 is 'ISO 3166 alpha-3 that the first file using the code gave with it; NULL when no file did (core.country maps the code then).';

update core.dim_country d set file_iso3 = f.iso3
from (
  select country_id, min(iso3) as iso3 from (
    select reporter_id as country_id, min(reporter_iso3) as iso3 from core.trade_fact where reporter_iso3 is not null group by 1
    union all
    select partner_id, min(partner_iso3) from core.trade_fact where partner_iso3 is not null group by 1
  ) u group by 1
) f
where f.country_id = d.country_id;

-- The view keeps its columns, their order and types (create or replace keeps grants and comments).
create or replace view reporting.trade_yoy as
with annual as (
  select s.source_format, r.code as reporter_code, coalesce(r.file_iso3, rc.iso3) as reporter_iso3, rc.name as reporter_name,
         pa.code as partner_code, coalesce(pa.file_iso3, pc.iso3) as partner_iso3, pc.name as partner_name,
         s.flow, pr.code as product_code, f.year::integer as year, s.classification,
         sum(case when f.currency = 'USD' then f.value end) as value_usd,
         sum(f.net_mass_t) as net_mass_t,
         case when min(f.currency) = max(f.currency) then sum(f.value) end as value,
         case when min(f.currency) = max(f.currency) then min(f.currency) end as currency
  from core.trade_fact f
  join core.dim_series s on s.series_id = f.series_id
  join core.dim_period p on p.period_id = f.period_id
  join core.dim_country r on r.country_id = f.reporter_id
  join core.dim_country pa on pa.country_id = f.partner_id
  join core.dim_product pr on pr.product_id = f.product_id
  left join core.country rc on rc.code = r.code
  left join core.country pc on pc.code = pa.code
  where f.is_primary and p.period = f.year::text
  group by s.source_format, r.code, 3, rc.name, pa.code, 6, pc.name, s.flow, pr.code, f.year, s.classification
),
picked as (
  select distinct on (source_format, reporter_code, reporter_iso3, reporter_name, partner_code, partner_iso3, partner_name, flow, product_code, year) *
  from annual
  order by source_format, reporter_code, reporter_iso3, reporter_name, partner_code, partner_iso3, partner_name, flow, product_code, year, classification desc
),
paired as (
  select a.*,
         lag(year) over w as prev_year,
         lag(value_usd) over w as prev_value_usd,
         lag(net_mass_t) over w as prev_net_mass_t,
         lag(value) over w as prev_value,
         lag(classification) over w as prev_classification
  from picked a
  window w as (partition by source_format, reporter_code, reporter_iso3, reporter_name, partner_code, partner_iso3, partner_name, flow, product_code order by year)
),
yoy as (
  select x.*,
         case when x.prev_year = x.year - 1 then x.prev_value_usd end as value_usd_prev,
         case when x.prev_year = x.year - 1 then x.prev_net_mass_t end as net_mass_t_prev,
         case when x.prev_year = x.year - 1 then x.prev_value end as value_prev,
         case when x.prev_year = x.year - 1 then x.prev_classification end as classification_prev
  from paired x
)
select y.source_format,
       y.reporter_code,
       y.reporter_iso3,
       y.partner_code,
       y.partner_iso3,
       y.flow,
       y.product_code,
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
       y.reporter_name,
       y.partner_name,
       -- The row's own classification (one join, probed for the rows the filters left), else the
       -- newest one that has the code (H5 rows are described by the bundled H3 table), looked up
       -- only for the codes the first did not find.
       coalesce(p1.description,
                (select p.description from core.product p where p.code = y.product_code collate "default" order by p.classification desc limit 1)) as product_description
from yoy y
left join core.product p1 on p1.classification = y.classification collate "default" and p1.code = y.product_code collate "default";

comment on view reporting.trade_yoy is 'Year over year per source, reporter, partner, flow, product and year, from annual primary flows (sources never summed together; the newest classification of a year is used, and classification_prev says when it changed). Computed when queried: filter on reporter_iso3/partner_iso3, the codes or the names, which apply before the facts are summed (one reporter or pair is an index range).';

drop function core.refresh_trade_yoy(text, text[], integer[], integer[]);
drop table core.trade_yoy;
