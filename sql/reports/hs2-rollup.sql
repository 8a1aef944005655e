-- What one pair trades, by HS chapter: India's imports from China in 2010, the six-digit rows
-- summed to chapters (reporting.product_rollup), largest first. For a source that reports only
-- six-digit rows (BACI, Comext) this is the only chapter view there is.
select product_code as hs2_code, product_description,
       value_usd, net_mass_t, rows_summed
from reporting.product_rollup
where reporter_iso3 = 'IND' and partner_iso3 = 'CHN' and flow = 'M' and period = '2010'
  and product_level = 2
order by value_usd desc
limit 15;
