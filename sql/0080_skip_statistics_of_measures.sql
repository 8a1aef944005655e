-- ANALYZE after a load (refreshTradeStatistics) computes statistics only for the columns plans
-- filter, join or group on. The measures and the row's provenance (value, net_mass_t, quantity,
-- quantity_unit, flag, line) are only ever read, never compared: no plan of sql/ or of the
-- reporting views uses a histogram of them. Measured (`analyze core.trade_fact` on a server, warm,
-- BACI rows): 5M 662 -> 369-464 ms, 1M 200 -> 144-146 ms.
alter table core.trade_fact
  alter column value set statistics 0,
  alter column net_mass_t set statistics 0,
  alter column quantity set statistics 0,
  alter column quantity_unit set statistics 0,
  alter column flag set statistics 0,
  alter column line set statistics 0;
