-- Comparison claims (issue 10): "more than twice as much as Kazakhstan", "overtook Russia",
-- "more than Italy and Spain combined" are figures of kind 'comparison' with measure
-- 'comparison': value the factor (2 for "twice", 1 for "more than" / "overtook"), the relation,
-- the country compared (subject_iso3, the figure's reporter or partner) and the other side.
-- And verdicts as of the article's date: the check recomputed on the warehouse as it stood then.
alter table core.article_figure drop constraint article_figure_measure_check;
alter table core.article_figure add constraint article_figure_measure_check check (measure in ('level', 'change', 'share', 'rank', 'comparison'));
alter table core.article_figure
  add column comparison text check (comparison in ('ratio', 'more', 'less', 'overtook')),
  add column compared_iso3 text[],
  add column subject_iso3 text,
  add column compared_combined boolean;

comment on column core.article_figure.measure is 'level (an amount), change (against change_from), share (of share_of), rank (position among the reporter''s partners, 1 = first; the value is the position), or comparison (subject_iso3 against compared_iso3; the value is the factor).';
comment on column core.article_figure.comparison is 'For a comparison: ratio (the subject is value times the other side), more (larger than the other side), less (smaller), overtook (larger now, not larger the year before).';
comment on column core.article_figure.compared_iso3 is 'For a comparison: ISO3 of the other side, several when the text adds them up ("X and Y combined").';
comment on column core.article_figure.subject_iso3 is 'For a comparison: ISO3 of the country compared (the figure''s reporter or partner); the other side replaces it in the same flow.';
comment on column core.article_figure.compared_combined is 'For a comparison against several countries: true when the text adds them up ("combined", "together"), false when the subject is compared with each.';

create or replace view reporting.article_figure as
select a.article_id, a.url as article_url, a.title as article_title, a.published_on, a.path as article_path,
       a.source_kind, f.figure_no, f.kind, f.value, f.unit, f.text, f.start_offset, f.end_offset, f.qualifier,
       f.year, f.period, f.reporter_iso3, f.partner_iso3, f.flow, f.commodity, f.hs_code, f.measure,
       f.change_from, f.change_direction, f.share_of, f.share_of_iso3, f.date_value, a.loaded_at,
       f.comparison, f.compared_iso3, f.subject_iso3, f.compared_combined
from core.article_figure f join core.article a using (article_id);

comment on column reporting.article_figure.measure is 'level (an amount), change (against change_from), share (of share_of), rank (position among the reporter''s partners, 1 = first; the value is the position), or comparison (subject_iso3 against compared_iso3; the value is the factor).';
comment on column reporting.article_figure.comparison is 'For a comparison: ratio (the subject is value times the other side), more (larger than the other side), less (smaller), overtook (larger now, not larger the year before).';
comment on column reporting.article_figure.compared_iso3 is 'For a comparison: ISO3 of the other side, several when the text adds them up ("X and Y combined").';
comment on column reporting.article_figure.subject_iso3 is 'For a comparison: ISO3 of the country compared (the figure''s reporter or partner); the other side replaces it in the same flow.';
comment on column reporting.article_figure.compared_combined is 'For a comparison against several countries: true when the text adds them up ("combined"), false when the subject is compared with each.';

alter table core.figure_check
  add column sides jsonb,
  add column as_of_published jsonb;

comment on column core.figure_check.sides is 'For a comparison: both sides recomputed, {"subject": {"country", "value", "query"}, "other": {"countries", "value", "parts", "query"}, "unit", "year"}.';
comment on column core.figure_check.as_of_published is 'The verdict on the warehouse as it stood at the end of the article''s published day, where a value held then was revised or withdrawn since: {"published", "asOf", "status", "recomputed", "allowed", "evidence", "query", "inputs"}; NULL when nothing changed since.';

create or replace view reporting.figure_check as
select f.article_id, f.article_url, f.article_title, f.figure_no, f.text, f.kind, f.measure, f.qualifier, f.year,
       f.reporter_iso3, f.partner_iso3, f.flow, f.commodity, f.hs_code,
       c.status, c.claimed, c.claimed_unit, c.tolerance_low, c.tolerance_high, c.recomputed, c.gap, c.gap_pct,
       c.basis, c.evidence, c.missing, c.implied, c.checked_at, c.inputs, c.query, c.declarations,
       f.change_direction, f.change_from, f.value as figure_value, f.unit as figure_unit, f.share_of,
       f.comparison, f.compared_iso3, f.subject_iso3, f.compared_combined, c.sides, c.as_of_published, f.published_on
from reporting.article_figure f join core.figure_check c using (article_id, figure_no);

comment on column reporting.figure_check.comparison is 'For a comparison: ratio, more, less or overtook (see reporting.article_figure.comparison).';
comment on column reporting.figure_check.compared_iso3 is 'For a comparison: ISO3 of the other side (several when added up).';
comment on column reporting.figure_check.subject_iso3 is 'For a comparison: ISO3 of the country compared.';
comment on column reporting.figure_check.compared_combined is 'For a comparison against several countries: true when they are added up, false when compared with each (the largest decides).';
comment on column reporting.figure_check.sides is 'For a comparison: both sides recomputed (each with its value and a SQL query), the unit and the year.';
comment on column reporting.figure_check.as_of_published is 'The verdict on the warehouse as it stood at the end of the article''s published day (status, recomputed, allowed, evidence, query, inputs), where a value held then was revised or withdrawn since; NULL when nothing changed since.';
comment on column reporting.figure_check.published_on is 'Date the article was published, where known: the date of as_of_published.';
