-- One partner's share of a reporter's imports over the years: Azerbaijan's share of Germany's
-- crude petroleum imports (HS 2709), with its rank among the suppliers.
select year, partner_name, value as value_usd, value_share_pct, partner_rank,
       net_mass_t, net_mass_share_pct
from reporting.partner_share
where reporter_iso3 = 'DEU' and partner_iso3 = 'AZE' and flow = 'M' and product_code = '2709'
order by year;
