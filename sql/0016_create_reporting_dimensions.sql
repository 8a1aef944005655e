-- Dimensions a BI user joins to without leaving the reporting schema, and which areas are
-- aggregates (World, groupings such as the EU) so that a sum over partners or reporters can
-- leave them out by filtering one column. An "nes" area (Other Asia, nes; Areas, nes; Bunkers)
-- is a partner like any other: trade with it is in no other row, so it is not an aggregate.

-- Codes trade files use for aggregates, as they write them (numeric Comtrade/M49 codes, the
-- letter codes Comtrade and Eurostat use, and the names that names-only exports carry).
create table core.area_aggregate (
  code text primary key,
  kind text not null check (kind in ('world', 'group')),
  name text not null,
  source text not null
);

insert into core.area_aggregate (code, kind, name, source) values
  ('0', 'world', 'World', 'comtrade'),
  ('W00', 'world', 'World', 'comtrade'),
  ('WLD', 'world', 'World', 'comtrade'),
  ('World', 'world', 'World', 'name'),
  ('97', 'group', 'European Union', 'comtrade'),
  ('EUR', 'group', 'European Union', 'comtrade'),
  ('European Union', 'group', 'European Union', 'name'),
  ('EU', 'group', 'European Union', 'eurostat'),
  ('EU27_2020', 'group', 'European Union (27 countries, from 2020)', 'eurostat'),
  ('EU28', 'group', 'European Union (28 countries, 2013-2020)', 'eurostat'),
  ('EXT_EU27_2020', 'group', 'Extra-EU (27 countries, from 2020)', 'eurostat'),
  ('INT_EU27_2020', 'group', 'Intra-EU (27 countries, from 2020)', 'eurostat'),
  ('EA', 'group', 'Euro area', 'eurostat');

comment on table core.area_aggregate is 'Area codes that stand for a sum of other areas (World, the EU, ...), as trade files write them; an "nes" area is not one.';

create view reporting.country as
select c.code,
       c.iso3,
       c.name,
       (a.code is not null or ai.code is not null) as is_aggregate,
       case
         when coalesce(a.kind, ai.kind) = 'world' then 'world'
         when coalesce(a.kind, ai.kind) = 'group' then 'group'
         when c.name ~* '(\mnes\M|not elsewhere specified|bunkers|free zones|special categories)' then 'nes area'
         else 'country'
       end as area_kind,
       c.source
from core.country c
left join core.area_aggregate a on a.code = c.code
left join core.area_aggregate ai on ai.code = c.iso3 and a.code is null;

comment on view reporting.country is 'Every code a trade file uses for a country or area, with its ISO3 and name; join reporting.trade_flow.reporter_code or partner_code to code.';
comment on column reporting.country.code is 'The code as trade files write it: Comtrade/M49 number, ISO2 or ISO3 letters, or a name (names-only exports). Join key.';
comment on column reporting.country.iso3 is 'ISO 3166 alpha-3 (W00 World, EUR European Union, S19 Other Asia nes as Comtrade writes them); NULL where none applies.';
comment on column reporting.country.name is 'Name of the country or area.';
comment on column reporting.country.is_aggregate is 'True for World and groupings such as the EU: leave these out before summing over partners or reporters. "nes" areas are not aggregates.';
comment on column reporting.country.area_kind is 'world, group (an aggregate of countries), nes area (not elsewhere specified, bunkers, free zones: a partner like any other) or country.';
comment on column reporting.country.source is 'Reference table the code came from: comtrade, baci, iso3166, eurostat, or name.';

create view reporting.product as
select p.classification,
       p.code,
       p.level,
       p.parent_code,
       p.description,
       case when p.classification ~ '^(H[0-9]|HS|CN)' and p.level >= 2 then left(p.code, 2) end as hs2_code,
       case when p.classification ~ '^(H[0-9]|HS|CN)' and p.level >= 4 then left(p.code, 4) end as hs4_code
from core.product p;

comment on view reporting.product is 'Product codes with their descriptions, per classification; join reporting.trade_flow on (classification, product_code) = (classification, code).';
comment on column reporting.product.classification is 'Classification of the code table (H3 = HS 2007 from Comtrade, HS17 = HS 2017 from CEPII BACI).';
comment on column reporting.product.code is 'Product code (2, 4 or 6 digits for HS). Join key with classification.';
comment on column reporting.product.level is 'Digits in the code: 2 chapter, 4 heading, 6 subheading.';
comment on column reporting.product.parent_code is 'Code of the next level up (the 4-digit heading of a 6-digit code); NULL at the top.';
comment on column reporting.product.description is 'Description of the product as the code table gives it.';
comment on column reporting.product.hs2_code is 'HS chapter (first 2 digits) of an HS code, for roll-ups; NULL for other classifications.';
comment on column reporting.product.hs4_code is 'HS heading (first 4 digits) of an HS code of 4 or more digits, for roll-ups; NULL otherwise.';
