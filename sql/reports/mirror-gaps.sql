-- Where exporter and importer disagree most: each pair's exports as the exporter declares them
-- (FOB) beside the same goods as the importer declares them (CIF), largest relative gap first.
-- Imports a few percent above exports are expected (freight and insurance); cif_fob_note says
-- whether the gap is within the margin the IMF assumes.
select year, exporter_name, exporter_iso3, importer_name, importer_iso3, product_code,
       currency, export_value, import_value, value_gap, value_gap_pct, cif_fob_note
from reporting.mirror_flow
where export_value > 0
order by abs(value_gap_pct) desc, year, exporter_iso3, importer_iso3
limit 20;
