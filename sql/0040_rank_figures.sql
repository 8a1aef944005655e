-- Rank claims (issue 10): "the second largest buyer" is a figure of kind 'rank' with measure
-- 'rank', value its position among the reporter's partners (1 = first).
alter table core.article_figure drop constraint article_figure_measure_check;
alter table core.article_figure add constraint article_figure_measure_check check (measure in ('level', 'change', 'share', 'rank'));
comment on column core.article_figure.measure is 'level (an amount), change (against change_from), share (of share_of), or rank (position among the reporter''s partners, 1 = first; the value is the position).';
comment on column reporting.article_figure.measure is 'level (an amount), change (against change_from), share (of share_of), or rank (position among the reporter''s partners, 1 = first; the value is the position).';
