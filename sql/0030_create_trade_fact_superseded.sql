-- Rows a later file replaced with the very same values. core.trade_flow_revision keeps only
-- values that changed (it answers "what changed?"); this keeps where the row was before, so
-- `trade-etl unload` of the later file can give the key back to the earlier file instead of
-- losing it. Ids and line only: the values are the ones still in core.trade_fact.
create table core.trade_fact_superseded (
  period_id integer not null,
  reporter_id integer not null,
  partner_id integer not null,
  product_id integer not null,
  series_id integer not null,
  file_id bigint not null references etl.source_file (file_id),
  line integer not null,
  superseded_by_file_id bigint not null references etl.source_file (file_id)
);
create index trade_fact_superseded_by on core.trade_fact_superseded (superseded_by_file_id);
create index trade_fact_superseded_file on core.trade_fact_superseded (file_id);
create index trade_flow_revision_superseded_by on core.trade_flow_revision (superseded_by_file_id);
create index trade_flow_revision_file on core.trade_flow_revision (file_id);

comment on table core.trade_fact_superseded is 'Rows of an earlier file that a later file replaced with identical values (changed values are in core.trade_flow_revision); lets unload of the later file restore them.';
comment on column core.trade_fact_superseded.period_id is 'core.dim_period.period_id of the row''s key.';
comment on column core.trade_fact_superseded.reporter_id is 'core.dim_country.country_id of the reporter.';
comment on column core.trade_fact_superseded.partner_id is 'core.dim_country.country_id of the partner.';
comment on column core.trade_fact_superseded.product_id is 'core.dim_product.product_id.';
comment on column core.trade_fact_superseded.series_id is 'core.dim_series.series_id.';
comment on column core.trade_fact_superseded.file_id is 'etl.source_file the replaced row came from.';
comment on column core.trade_fact_superseded.line is 'Line of that file the replaced row started on.';
comment on column core.trade_fact_superseded.superseded_by_file_id is 'etl.source_file whose identical row replaced it.';
