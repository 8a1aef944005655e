-- Year over year of one reporter-partner pair: Thailand's imports of electronic integrated
-- circuits (HS 8542) from China, every year loaded. The series continues across HS revisions
-- (classification and classification_prev show where it moved from H4 to H5 to H6).
select year, classification, classification_prev,
       value_usd, value_usd_prev, value_yoy_pct
from reporting.trade_yoy
where reporter_iso3 = 'THA' and partner_iso3 = 'CHN' and flow = 'M' and product_code = '8542'
order by year;
