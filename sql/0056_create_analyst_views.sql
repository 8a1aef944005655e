-- Views analysts start from (issue 12): HS chapter and heading roll-ups of six-digit rows, the
-- exporter's declaration beside the importer's (mirror flows), and each partner's share of a
-- reporter's flow. All read reporting.trade_flow, so they inherit its names, aggregate marks and
-- the rule that sources are never summed together.

-- HS2 and HS4 sums of the six-digit rows (eight-digit CN rows for Comext, whose first six digits
-- are the HS subheading). One scan of the leaf rows feeds both levels. Rows a source reports at
-- the chapter or heading level itself (Comtrade files often carry 2-, 4- and 6-digit rows) stay
-- in reporting.trade_flow: this view is always the sum of the leaf rows, which can differ from
-- the source's own aggregate by rounding and by what the source keeps confidential at six digits.
create view reporting.product_rollup as
select g.source_format, g.classification, g.year, g.period,
       g.reporter_code, g.reporter_iso3, g.reporter_name, g.reporter_is_aggregate,
       g.partner_code, g.partner_iso3, g.partner_name, g.partner_is_aggregate,
       g.flow, g.product_code, g.product_level,
       coalesce(pd.description, hd.description) as product_description,
       g.currency, g.value, g.value_usd, g.value_eur, g.net_mass_t,
       g.rows_summed, g.rows_with_net_mass
from (
  select t.source_format, t.classification, t.year, t.period,
         t.reporter_code, t.reporter_iso3, t.reporter_name, t.reporter_is_aggregate,
         t.partner_code, t.partner_iso3, t.partner_name, t.partner_is_aggregate,
         t.flow, left(t.product_code, l.level) as product_code, l.level as product_level, t.currency,
         sum(t.value) as value, sum(t.value_usd) as value_usd, sum(t.value_eur) as value_eur,
         sum(t.net_mass_t) as net_mass_t,
         count(*)::integer as rows_summed, count(t.net_mass_t)::integer as rows_with_net_mass
  from reporting.trade_flow t
  cross join (values (2), (4)) as l (level)
  where (t.product_level = 6 and t.classification ~ '^(H[0-9]|HS)')
     or (t.product_level = 8 and t.classification ~ '^CN')
  group by t.source_format, t.classification, t.year, t.period,
           t.reporter_code, t.reporter_iso3, t.reporter_name, t.reporter_is_aggregate,
           t.partner_code, t.partner_iso3, t.partner_name, t.partner_is_aggregate,
           t.flow, left(t.product_code, l.level), l.level, t.currency
) g
-- Codes in the trade tables are collate "C", core.product's are not: the lookups say which
-- collation to compare in, or the indexes of core.product cannot serve them.
left join core.product pd on pd.classification = g.classification collate "default" and pd.code = g.product_code collate "default"
left join lateral (
  -- One index lookup per chapter or heading, however many rows the planner expects.
  select h.description from core.product h
  where h.code = g.product_code collate "default" and h.classification ~ '^(H[0-9]|HS)'
  order by h.classification desc limit 1
) hd on true;

comment on view reporting.product_rollup is
  'HS chapter (product_level 2) and heading (product_level 4) sums of the six-digit rows of reporting.trade_flow (eight-digit CN rows for Comext), per source, classification, period, reporter, partner and flow. Always computed from the leaf rows, even where the source reports its own chapter or heading row (that one is in reporting.trade_flow and may differ by rounding or confidential six-digit trade).';
comment on column reporting.product_rollup.source_format is 'Layout of the source file: comtrade, comtrade-plus, baci, comext.';
comment on column reporting.product_rollup.classification is 'Classification of the rows summed (H5, HS17, CN8, ...).';
comment on column reporting.product_rollup.year is 'Calendar year of the period.';
comment on column reporting.product_rollup.period is 'Period as the source gives it: a year (2022) or a month (202203).';
comment on column reporting.product_rollup.reporter_code is 'Reporter as the file writes it. Join key to reporting.country.code.';
comment on column reporting.product_rollup.reporter_iso3 is 'ISO 3166 alpha-3 of the reporter; NULL for unknown codes.';
comment on column reporting.product_rollup.reporter_name is 'Name of the reporter.';
comment on column reporting.product_rollup.reporter_is_aggregate is 'True when the reporter is World or a grouping such as the EU.';
comment on column reporting.product_rollup.partner_code is 'Partner as the file writes it. Join key to reporting.country.code.';
comment on column reporting.product_rollup.partner_iso3 is 'ISO 3166 alpha-3 of the partner; NULL for unknown codes.';
comment on column reporting.product_rollup.partner_name is 'Name of the partner.';
comment on column reporting.product_rollup.partner_is_aggregate is 'True for World and groupings such as the EU: filter out before summing over partners; nes areas are not aggregates.';
comment on column reporting.product_rollup.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code.';
comment on column reporting.product_rollup.product_code is 'HS chapter (2 digits) or heading (4 digits): the first digits of the codes summed.';
comment on column reporting.product_rollup.product_level is '2 for a chapter, 4 for a heading. Sum over one level only.';
comment on column reporting.product_rollup.product_description is 'Description of the chapter or heading from the HS code table of the classification, else the newest HS table held.';
comment on column reporting.product_rollup.currency is 'Currency of value: USD, or EUR for Eurostat Comext.';
comment on column reporting.product_rollup.value is 'Sum of the six-digit (CN: eight-digit) values in currency, exact.';
comment on column reporting.product_rollup.value_usd is 'value when currency is USD, else NULL.';
comment on column reporting.product_rollup.value_eur is 'value when currency is EUR, else NULL.';
comment on column reporting.product_rollup.net_mass_t is 'Sum of net mass in tonnes over the rows that have one (rows_with_net_mass of rows_summed); NULL when none has.';
comment on column reporting.product_rollup.rows_summed is 'Number of six-digit (CN: eight-digit) rows summed.';
comment on column reporting.product_rollup.rows_with_net_mass is 'How many of them give a net mass: net_mass_t is complete only when this equals rows_summed.';

-- The same flow declared twice: by the exporter (its exports to the importer) and by the importer
-- (its imports from the exporter), for the same period and product within one source layout (the
-- HS revision may differ between the two declarations). Only pairs where both declarations are
-- loaded appear. The two rows are matched on the codes the layout uses for reporters and partners
-- (Comtrade numbers, Comext ISO2), which is the warehouse's key order: the importer's row is one
-- primary-key lookup per exporter row, so the view stays fast however the planner misjudges how
-- many rows a filter keeps (reading it through reporting.trade_flow twice made a 43k-row
-- warehouse take 20 s on a nested loop).
--
-- Importers value goods CIF (cost, insurance and freight to their border), exporters FOB (at
-- theirs), so imports normally exceed exports by the freight and insurance margin: the IMF's
-- Direction of Trade Statistics converts between the two with a factor of 1.06
-- (https://www.elibrary.imf.org/view/books/042/24207-9781475593822-en/24207-9781475593822-en-book.xml),
-- and WITS notes the gap can reach 10-20 %
-- (http://wits.worldbank.org/wits/wits/witshelp/Content/Data_Retrieval/T/Intro/B2.Imports_Exports_and_Mirror.htm).
create view reporting.mirror_flow as
select xs.source_format, xf.year::integer as year, p.period,
       xr.code as exporter_code, coalesce(xf.reporter_iso3, xc.iso3) as exporter_iso3, xc.name as exporter_name,
       mr.code as importer_code, coalesce(mf.reporter_iso3, mc.iso3) as importer_iso3, mc.name as importer_name,
       pr.code as product_code,
       case when pr.code ~ '^[0-9]+$' then length(pr.code) else 0 end as product_level,
       coalesce(pd.description, hd.description, case when pr.code = 'TOTAL' then 'All commodities' end) as product_description,
       xs.classification as exporter_classification, ms.classification as importer_classification,
       xf.currency,
       xf.value as export_value,
       mf.value as import_value,
       mf.value - xf.value as value_gap,
       case when xf.value <> 0 then round((mf.value - xf.value) * 100 / xf.value, 2) end as value_gap_pct,
       xf.net_mass_t as export_net_mass_t,
       mf.net_mass_t as import_net_mass_t,
       mf.net_mass_t - xf.net_mass_t as net_mass_gap_t,
       case when xf.net_mass_t <> 0 then round((mf.net_mass_t - xf.net_mass_t) * 100 / xf.net_mass_t, 2) end as net_mass_gap_pct,
       case
         when xf.value is null or mf.value is null or xf.value = 0 then null
         when mf.value < xf.value then 'import below export: CIF/FOB valuation does not explain it (timing, re-exports, partner attribution, confidential trade)'
         when mf.value <= xf.value * 1.06 then 'import above export within the 6 % CIF/FOB margin the IMF DOTS assumes'
         else 'import above export by more than the 6 % CIF/FOB margin the IMF DOTS assumes'
       end as cif_fob_note,
       xsf.path as export_source_file,
       msf.path as import_source_file
from core.trade_fact xf
join core.dim_series xs on xs.series_id = xf.series_id
join core.trade_fact mf
  on mf.period_id = xf.period_id and mf.reporter_id = xf.partner_id and mf.partner_id = xf.reporter_id
 and mf.product_id = xf.product_id
join core.dim_series ms on ms.series_id = mf.series_id
join core.dim_period p on p.period_id = xf.period_id
join core.dim_country xr on xr.country_id = xf.reporter_id
join core.dim_country mr on mr.country_id = mf.reporter_id
join core.dim_product pr on pr.product_id = xf.product_id
join etl.source_file xsf on xsf.file_id = xf.file_id
join etl.source_file msf on msf.file_id = mf.file_id
left join core.country xc on xc.code = xr.code
left join core.country mc on mc.code = mr.code
left join core.product pd on pd.classification = xs.classification collate "default" and pd.code = pr.code collate "default"
left join lateral (
  select h.description from core.product h
  where h.code = (case when xs.classification ~ '^(H[0-9]|HS)' then pr.code
                       when xs.classification ~ '^CN' then left(pr.code, 6) end) collate "default"
    and h.classification ~ '^(H[0-9]|HS)'
  order by h.classification desc limit 1
) hd on true
where xf.is_primary and mf.is_primary
  and xs.flow = 'X' and ms.flow = 'M' and ms.source_format = xs.source_format
  and mf.currency = xf.currency;

comment on view reporting.mirror_flow is
  'Mirror flows: the exporter''s declared exports to the importer beside the importer''s declared imports from the exporter, for the same period and product in one source layout, with the gap. Only pairs where both declarations are loaded. Imports are valued CIF, exports FOB, so imports normally exceed exports by a few percent (cif_fob_note).';
comment on column reporting.mirror_flow.source_format is 'Layout both declarations come from (comtrade, comtrade-plus, comext): declarations of different layouts are not matched.';
comment on column reporting.mirror_flow.year is 'Calendar year of the period.';
comment on column reporting.mirror_flow.period is 'Period as the source gives it: a year (2022) or a month (202203).';
comment on column reporting.mirror_flow.exporter_code is 'The exporting reporter as its file writes it; the importer''s declaration names it as partner with the same code.';
comment on column reporting.mirror_flow.exporter_iso3 is 'ISO 3166 alpha-3 of the exporter.';
comment on column reporting.mirror_flow.exporter_name is 'Name of the exporter.';
comment on column reporting.mirror_flow.importer_code is 'The importing reporter as its file writes it.';
comment on column reporting.mirror_flow.importer_iso3 is 'ISO 3166 alpha-3 of the importer.';
comment on column reporting.mirror_flow.importer_name is 'Name of the importer.';
comment on column reporting.mirror_flow.product_code is 'Product code both declarations use (TOTAL, HS chapter, heading or subheading).';
comment on column reporting.mirror_flow.product_level is 'Digits in the product code; 0 for TOTAL.';
comment on column reporting.mirror_flow.product_description is 'Description of the product (as in reporting.trade_flow, from the exporter''s classification).';
comment on column reporting.mirror_flow.exporter_classification is 'Classification of the exporter''s declaration (H5, H6, ...).';
comment on column reporting.mirror_flow.importer_classification is 'Classification of the importer''s declaration; may be another HS revision than the exporter''s.';
comment on column reporting.mirror_flow.currency is 'Currency of both values: USD, or EUR for Comext.';
comment on column reporting.mirror_flow.export_value is 'Value the exporter declares (FOB), in currency.';
comment on column reporting.mirror_flow.import_value is 'Value the importer declares (CIF), in currency.';
comment on column reporting.mirror_flow.value_gap is 'import_value - export_value, in currency.';
comment on column reporting.mirror_flow.value_gap_pct is 'value_gap as a percentage of export_value, rounded to 2 decimals (6.0 = imports 6 % above exports); NULL when export_value is zero.';
comment on column reporting.mirror_flow.export_net_mass_t is 'Net mass the exporter declares, in tonnes.';
comment on column reporting.mirror_flow.import_net_mass_t is 'Net mass the importer declares, in tonnes.';
comment on column reporting.mirror_flow.net_mass_gap_t is 'import_net_mass_t - export_net_mass_t, in tonnes (no CIF/FOB effect: mass does not depend on valuation).';
comment on column reporting.mirror_flow.net_mass_gap_pct is 'net_mass_gap_t as a percentage of export_net_mass_t, rounded to 2 decimals.';
comment on column reporting.mirror_flow.cif_fob_note is 'Whether the CIF/FOB valuation difference can explain the value gap: import below export (it cannot), within the 6 % margin the IMF Direction of Trade Statistics assumes, or above it.';
comment on column reporting.mirror_flow.export_source_file is 'File the exporter''s declaration was loaded from.';
comment on column reporting.mirror_flow.import_source_file is 'File the importer''s declaration was loaded from.';

-- Each partner's share of a reporter's flow of one product in one period. The whole is the sum
-- over non-aggregate partners (nes areas included), which on real Comtrade files equals the World
-- row; world_value gives that row where it is loaded, to show a file that holds only some partners.
-- The windows partition by the reporter's code, ISO3 and name, so a filter on any of them is
-- applied before the shares are computed.
create view reporting.partner_share as
select source_format, classification, year, period,
       reporter_code, reporter_iso3, reporter_name, flow,
       product_code, product_level, product_description,
       partner_code, partner_iso3, partner_name,
       currency, value, partners_value, value_share_pct,
       net_mass_t, partners_net_mass_t, net_mass_share_pct,
       world_value, partner_rank
from (
  select t.*,
         sum(t.value) filter (where not t.partner_is_aggregate) over w as partners_value,
         round(t.value * 100 / nullif(sum(t.value) filter (where not t.partner_is_aggregate) over w, 0), 3) as value_share_pct,
         sum(t.net_mass_t) filter (where not t.partner_is_aggregate) over w as partners_net_mass_t,
         round(t.net_mass_t * 100 / nullif(sum(t.net_mass_t) filter (where not t.partner_is_aggregate) over w, 0), 3) as net_mass_share_pct,
         sum(t.value) filter (where wa.code is not null) over w as world_value,
         rank() over (w order by case when not t.partner_is_aggregate then t.value end desc nulls last) as partner_rank
  from reporting.trade_flow t
  left join core.area_aggregate wa on wa.code = t.partner_code and wa.kind = 'world'
  window w as (partition by t.source_format, t.classification, t.period, t.reporter_code, t.reporter_iso3, t.reporter_name,
                            t.flow, t.product_code, t.currency)
) s
where not partner_is_aggregate;

comment on view reporting.partner_share is
  'Each partner''s share of a reporter''s flow of one product in one period: value over the sum across all non-aggregate partners (nes areas included; World and groupings left out), in one source and classification. partner_rank 1 is the largest partner.';
comment on column reporting.partner_share.source_format is 'Layout of the source file: comtrade, comtrade-plus, baci, comext.';
comment on column reporting.partner_share.classification is 'Product classification of the rows (shares never mix classifications).';
comment on column reporting.partner_share.year is 'Calendar year of the period.';
comment on column reporting.partner_share.period is 'Period as the source gives it: a year (2022) or a month (202203).';
comment on column reporting.partner_share.reporter_code is 'Reporter as the file writes it. Join key to reporting.country.code.';
comment on column reporting.partner_share.reporter_iso3 is 'ISO 3166 alpha-3 of the reporter.';
comment on column reporting.partner_share.reporter_name is 'Name of the reporter.';
comment on column reporting.partner_share.flow is 'M import, X export, RM re-import, RX re-export, or the source''s own code.';
comment on column reporting.partner_share.product_code is 'Product code (TOTAL, HS chapter, heading, subheading, CN8).';
comment on column reporting.partner_share.product_level is 'Digits in the product code; 0 for TOTAL.';
comment on column reporting.partner_share.product_description is 'Description of the product.';
comment on column reporting.partner_share.partner_code is 'Partner as the file writes it (never an aggregate here).';
comment on column reporting.partner_share.partner_iso3 is 'ISO 3166 alpha-3 of the partner; NULL for unknown codes and some nes areas.';
comment on column reporting.partner_share.partner_name is 'Name of the partner.';
comment on column reporting.partner_share.currency is 'Currency of the values: USD, or EUR for Comext.';
comment on column reporting.partner_share.value is 'Value of the flow with this partner, in currency.';
comment on column reporting.partner_share.partners_value is 'Sum of value over all non-aggregate partners of the reporter''s flow of this product in this period: the whole the share is of.';
comment on column reporting.partner_share.value_share_pct is 'value as a percentage of partners_value, rounded to 3 decimals (12.5 = 12.5 %).';
comment on column reporting.partner_share.net_mass_t is 'Net mass of the flow with this partner, in tonnes.';
comment on column reporting.partner_share.partners_net_mass_t is 'Sum of net mass over the non-aggregate partners that give one.';
comment on column reporting.partner_share.net_mass_share_pct is 'net_mass_t as a percentage of partners_net_mass_t, rounded to 3 decimals.';
comment on column reporting.partner_share.world_value is 'The reporter''s own World row for the same flow, product and period where loaded: equals partners_value when the file holds every partner, exceeds it when it holds only some.';
comment on column reporting.partner_share.partner_rank is 'Rank of the partner by value within the reporter''s flow of this product in this period (1 = largest; ties share a rank).';
