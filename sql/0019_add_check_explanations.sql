-- Issue 10: every verdict explains itself: the inputs of the recomputation, a SQL query that
-- reproduces the recomputed number, and both declarations (exporter's and importer's) where
-- the warehouse has both.
alter table core.figure_check
  add column inputs jsonb,
  add column query text,
  add column declarations jsonb;

comment on column core.figure_check.inputs is 'What the recomputation used: {"source", "reporter", "partner", "product", "flow", "years", "measure"}.';
comment on column core.figure_check.query is 'A SQL query over the warehouse that returns the recomputed value (one row, column "value").';
comment on column core.figure_check.declarations is 'Where both exist, the exporter''s and the importer''s figures for the year checked, and which one the claim matches: {"exporter": {...}, "importer": {...}, "matches"}.';

create or replace view reporting.figure_check as
select f.article_id, f.article_url, f.article_title, f.figure_no, f.text, f.kind, f.measure, f.qualifier, f.year,
       f.reporter_iso3, f.partner_iso3, f.flow, f.commodity, f.hs_code,
       c.status, c.claimed, c.claimed_unit, c.tolerance_low, c.tolerance_high, c.recomputed, c.gap, c.gap_pct,
       c.basis, c.evidence, c.missing, c.implied, c.checked_at, c.inputs, c.query, c.declarations,
       f.change_direction, f.change_from, f.value as figure_value, f.unit as figure_unit, f.share_of
from reporting.article_figure f join core.figure_check c using (article_id, figure_no);

comment on column reporting.figure_check.inputs is 'What the recomputation used: source, reporter, partner, product, flow, years, measure.';
comment on column reporting.figure_check.query is 'SQL that reproduces recomputed (one row, column "value").';
comment on column reporting.figure_check.declarations is 'The exporter''s and the importer''s declarations for the year checked, where both exist, and which one the claim matches.';
comment on column reporting.figure_check.change_direction is 'For a change: increase or decrease, as the article says.';
comment on column reporting.figure_check.change_from is 'For a change: the base year.';
comment on column reporting.figure_check.figure_value is 'The figure as extracted, in its canonical unit.';
comment on column reporting.figure_check.figure_unit is 'Canonical unit of figure_value.';
comment on column reporting.figure_check.share_of is 'For a share: what it is a share of, as written.';
