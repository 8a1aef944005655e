-- "What changed?": every value a later release replaced, with the file and time it came from
-- and the file that replaced it.
create view reporting.trade_flow_revision as
select r.source_format, r.classification, r.period, r.reporter_code, r.partner_code, r.flow, r.product_code,
       r.partner2_code, r.customs_code, r.mot_code,
       case when r.currency = 'USD' then r.value end as value_usd,
       case when r.currency = 'EUR' then r.value end as value_eur,
       r.net_mass_t, r.quantity,
       old.path as source_file, old.loaded_at,
       new.path as superseded_by_file, r.superseded_at
from core.trade_flow_revision r
join etl.source_file old on old.file_id = r.file_id
join etl.source_file new on new.file_id = r.superseded_by_file_id;

comment on view reporting.trade_flow_revision is
  'Values replaced by a later release of the same data: the old value, the file and time it came from, and the file that replaced it. The current value is in reporting.trade_flow.';
