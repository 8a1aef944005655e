-- Top 10 partners of one reporter's flow: China's imports of all commodities in 2022, with each
-- partner's share of the sum over partners (World and groupings such as the EU left out, nes
-- areas kept). Change reporter_iso3, flow, product_code and period to ask about another flow.
select partner_rank, partner_name, partner_iso3,
       value as value_usd, value_share_pct,
       partners_value as all_partners_usd
from reporting.partner_share
where reporter_iso3 = 'CHN' and flow = 'M' and product_code = 'TOTAL' and period = '2022'
  and currency = 'USD'
order by partner_rank
limit 10;
