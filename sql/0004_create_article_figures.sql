-- Articles, the figures they quote, figures from statistical press releases, and the checks of
-- the former against the trade data and the latter.

create table core.article (
  article_id bigint generated always as identity primary key,
  sha256 text not null unique,
  path text not null,
  -- 'text' and 'html' are articles read by the extractor; 'claims' is a file of figures kept as
  -- facts (value, unit, year, countries, ...) with the article's address, without its text.
  source_kind text not null check (source_kind in ('text', 'html', 'claims')),
  url text,
  title text,
  published_on date,
  loaded_at timestamptz not null default now()
);

create table core.article_figure (
  article_id bigint not null references core.article (article_id) on delete cascade,
  figure_no integer not null,
  kind text not null,
  value numeric not null,
  unit text not null,
  text text not null,
  start_offset integer,
  end_offset integer,
  qualifier text,
  year integer,
  period text,
  reporter_iso3 text,
  partner_iso3 text,
  flow text,
  commodity text,
  hs_code text,
  measure text check (measure in ('level', 'change', 'share')),
  change_from integer,
  change_direction text check (change_direction in ('increase', 'decrease')),
  share_of text,
  share_of_iso3 text,
  date_value text,
  primary key (article_id, figure_no)
);

-- Figures published by statistics offices and fact-checkers: a source kind of its own, so they
-- sit in the warehouse beside trade files and articles, each with its address.
create table core.published_figure (
  published_id bigint generated always as identity primary key,
  file_sha256 text not null,
  path text not null,
  source_url text not null,
  publisher text,
  released_on date,
  -- what the number is: 'trade' (a flow between countries), 'total_exports', 'demand', 'share'...
  subject text not null,
  value numeric not null,
  unit text not null,
  qualifier text,
  year integer,
  period text,
  reporter_iso3 text,
  partner_iso3 text,
  flow text,
  commodity text,
  hs_code text,
  note text,
  loaded_at timestamptz not null default now(),
  unique (file_sha256, subject, unit, year, reporter_iso3, partner_iso3, flow, hs_code)
);

create table core.figure_check (
  article_id bigint not null,
  figure_no integer not null,
  status text not null check (status in ('confirmed', 'differs', 'insufficient data')),
  claimed numeric not null,
  claimed_unit text not null,
  tolerance_low numeric,
  tolerance_high numeric,
  recomputed numeric,
  gap numeric,
  gap_pct numeric,
  basis text,
  evidence text,
  missing text,
  implied text,
  checked_at timestamptz not null default now(),
  primary key (article_id, figure_no),
  foreign key (article_id, figure_no) references core.article_figure (article_id, figure_no) on delete cascade
);

create view reporting.article_figure as
select a.article_id, a.url as article_url, a.title as article_title, a.published_on, a.path as article_path,
       a.source_kind, f.figure_no, f.kind, f.value, f.unit, f.text, f.start_offset, f.end_offset, f.qualifier,
       f.year, f.period, f.reporter_iso3, f.partner_iso3, f.flow, f.commodity, f.hs_code, f.measure,
       f.change_from, f.change_direction, f.share_of, f.share_of_iso3, f.date_value, a.loaded_at
from core.article_figure f join core.article a using (article_id);

comment on view reporting.article_figure is 'Every figure loaded from articles (trade-etl figures --load, or an articles job), with its article and place in the text.';
comment on column reporting.article_figure.value is 'The figure in its canonical unit (unit): t, USD (or another currency code), %, bbl, bbl/d, ha, 1 for counts.';
comment on column reporting.article_figure.text is 'The figure as written in the article.';
comment on column reporting.article_figure.start_offset is 'Character offset of the figure in the article text (after HTML is stripped); NULL for claims files.';
comment on column reporting.article_figure.qualifier is 'nearly, about, more than, ... as the text hedges the number.';
comment on column reporting.article_figure.measure is 'level (an amount), change (against change_from), or share (of share_of).';

create view reporting.published_figure as
select published_id, source_url, publisher, released_on, subject, value, unit, qualifier, year, period,
       reporter_iso3, partner_iso3, flow, commodity, hs_code, note, path, loaded_at
from core.published_figure;

comment on view reporting.published_figure is 'Figures from statistical press releases and fact-checks, each with its source address.';

create view reporting.figure_check as
select f.article_id, f.article_url, f.article_title, f.figure_no, f.text, f.kind, f.measure, f.qualifier, f.year,
       f.reporter_iso3, f.partner_iso3, f.flow, f.commodity, f.hs_code,
       c.status, c.claimed, c.claimed_unit, c.tolerance_low, c.tolerance_high, c.recomputed, c.gap, c.gap_pct,
       c.basis, c.evidence, c.missing, c.implied, c.checked_at
from reporting.article_figure f join core.figure_check c using (article_id, figure_no);

comment on view reporting.figure_check is 'Each checkable article figure beside the value recomputed from trade data or published figures: confirmed (within the rounding the text implies), differs (with the gap), or insufficient data (with what is missing and what the claim implies).';
comment on column reporting.figure_check.recomputed is 'The value recomputed from the warehouse, in claimed_unit.';
comment on column reporting.figure_check.gap is 'recomputed - claimed, in claimed_unit (percentage points for percentages).';
comment on column reporting.figure_check.basis is 'Where the recomputed value comes from: source format or published figure, and the rows used.';
comment on column reporting.figure_check.implied is 'What the claim implies when it cannot be checked, e.g. the previous year''s level implied by a change.';
