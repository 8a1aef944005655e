-- A reporter's total trade without double counting: the sum over partners leaves out World
-- and groupings (partner_is_aggregate), and is shown beside the reporter's own World row.
-- On complete files the two agree to the rounding of the partner rows.
select source_format, reporter_name, flow, year,
       count(*) filter (where not partner_is_aggregate) as partners,
       sum(value_usd) filter (where not partner_is_aggregate) as partners_usd,
       sum(value_usd) filter (where partner_is_aggregate and partner_iso3 in ('W00', 'WLD')) as world_usd
from reporting.trade_flow
where product_code = 'TOTAL'
group by source_format, reporter_name, flow, year
having count(*) filter (where partner_is_aggregate and partner_iso3 in ('W00', 'WLD')) > 0
   and count(*) filter (where not partner_is_aggregate) > 0
order by source_format, reporter_name, flow, year;
