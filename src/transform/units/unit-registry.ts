/**
 * The one place where a unit is defined. Every conversion the figures extractor (or anyone
 * else) does goes through an entry here: a name, the spellings reporters use, an exact decimal
 * factor to the canonical unit, and where that factor comes from. A factor that is not written
 * here does not exist; in particular there is no hidden barrels-per-tonne constant: mass and
 * volume of oil only meet through a per-commodity density entry.
 */

/** What a quantity measures; also the figure kind it becomes. */
export type Dimension = 'mass' | 'money' | 'percent' | 'volume' | 'volume_rate' | 'area' | 'count'

export interface UnitEntry {
  /** Stable name, e.g. 'tonne', 'usd', 'cubic-metre'. */
  readonly id: string
  readonly dimension: Dimension
  /** Canonical unit the value is converted to: 't', 'USD', '%', 'bbl', 'bbl/d', 'ha', '1'. */
  readonly canonical: string
  /** Exact decimal: canonical units in one of this unit (before `divisor`). */
  readonly factor: string
  /**
   * Set when the true factor has no finite decimal (1 m3 = 1000 / 158.987294928 bbl): the value
   * is multiplied by `factor` and then divided by this, rounded (see DIVISION_FRACTION_DIGITS).
   */
  readonly divisor?: string
  /** Spellings after a number, matched case-insensitively ("million tons" is scale + unit). */
  readonly words: readonly string[]
  /** Spellings after a number, matched exactly: 'Mt' is a megatonne, 'mt' a metric ton. */
  readonly symbols: readonly string[]
  /** Money only: symbols written before the number ('$', 'US$', '€', 'AZN'). */
  readonly prefixes: readonly string[]
  /** Where the factor comes from. */
  readonly source: string
}

export interface ScaleEntry {
  readonly id: string
  /** Exact decimal multiplier. */
  readonly factor: string
  /** Case-insensitive spellings ('million', 'mln', 'bn'). */
  readonly words: readonly string[]
  /** Exact spellings ('m' as in "$410m", 'k', 'B'). */
  readonly symbols: readonly string[]
  readonly source: string
}

export interface DensityEntry {
  /** Normalized commodity name, as the commodity lexicon writes it. */
  readonly commodity: string
  readonly hsCode: string
  /** Exact decimal: barrels in one tonne of this commodity. */
  readonly barrelsPerTonne: string
  readonly source: string
}

const SI = 'SI prefix, exact by definition'
const ISO_4217 = 'ISO 4217 currency code; amounts stay in their own currency (no exchange rates here)'

function unit(
  id: string,
  dimension: Dimension,
  canonical: string,
  factor: string,
  spellings: { words?: readonly string[]; symbols?: readonly string[]; prefixes?: readonly string[]; divisor?: string },
  source: string,
): UnitEntry {
  return {
    id,
    dimension,
    canonical,
    factor,
    ...(spellings.divisor === undefined ? {} : { divisor: spellings.divisor }),
    words: spellings.words ?? [],
    symbols: spellings.symbols ?? [],
    prefixes: spellings.prefixes ?? [],
    source,
  }
}

/** Litres in one US oil barrel: 42 US gallons of 231 cubic inches, exact by definition. */
export const LITRES_PER_BARREL = '158.987294928'

const BARREL_SOURCE = `1 bbl = 42 US gal = ${LITRES_PER_BARREL} l exactly (NIST Handbook 44, appendix C)`

function currency(code: string, words: readonly string[], prefixes: readonly string[], symbols: readonly string[] = []): UnitEntry {
  return unit(code.toLowerCase(), 'money', code, '1', { words, symbols: [code, ...symbols], prefixes: [code, ...prefixes] }, ISO_4217)
}

/** Every unit the extractor understands. */
export const UNITS: readonly UnitEntry[] = [
  // Mass -> tonnes. Trade statistics (UN Comtrade, national offices) report metric tonnes; a
  // bare "ton" in trade news means the metric ton unless the text says "short" or "long".
  unit('tonne', 'mass', 't', '1', {
    words: ['tonne', 'tonnes', 'ton', 'tons', 'metric ton', 'metric tons', 'metric tonne', 'metric tonnes', 'metric-ton', 'metric-tons'],
    symbols: ['t', 'mt', 'MT'],
  }, 'metric ton = 1000 kg (SI)'),
  unit('kilogram', 'mass', 't', '0.001', { words: ['kilogram', 'kilograms', 'kilogramme', 'kilogrammes', 'kilo', 'kilos'], symbols: ['kg', 'kgs'] }, SI),
  unit('gram', 'mass', 't', '0.000001', { words: ['gram', 'grams', 'gramme', 'grammes'] }, SI),
  unit('quintal', 'mass', 't', '0.1', { words: ['quintal', 'quintals', 'centner', 'centners'] }, 'metric quintal (centner) = 100 kg, used in CIS agricultural statistics'),
  unit('kilotonne', 'mass', 't', '1000', { words: ['kilotonne', 'kilotonnes', 'kiloton', 'kilotons'], symbols: ['kt', 'Kt'] }, SI),
  unit('megatonne', 'mass', 't', '1000000', {
    words: ['megatonne', 'megatonnes', 'megaton', 'megatons', 'million metric tons'],
    symbols: ['Mt', 'MMT', 'mmt', 'MMt'],
  }, SI),
  unit('gigatonne', 'mass', 't', '1000000000', { words: ['gigatonne', 'gigatonnes', 'gigaton', 'gigatons'], symbols: ['Gt'] }, SI),
  unit('pound', 'mass', 't', '0.00045359237', { words: ['pound', 'pounds'], symbols: ['lb', 'lbs'] }, 'international avoirdupois pound = 0.45359237 kg exactly (1959 agreement)'),
  unit('short-ton', 'mass', 't', '0.90718474', { words: ['short ton', 'short tons'] }, 'short ton = 2000 lb = 907.18474 kg exactly'),
  unit('long-ton', 'mass', 't', '1.0160469088', { words: ['long ton', 'long tons'] }, 'long ton = 2240 lb = 1016.0469088 kg exactly'),

  // Money -> the currency's ISO code, never converted.
  currency('USD', ['dollar', 'dollars', 'US dollar', 'US dollars', 'U.S. dollar', 'U.S. dollars', 'USD', 'American dollars', 'United States dollars'], ['$', 'US$', 'U.S.$', 'US $', 'U.S. $']),
  currency('EUR', ['euro', 'euros'], ['€'], ['€']),
  currency('GBP', ['pound sterling', 'pounds sterling', 'sterling', 'British pounds'], ['£'], ['£']),
  currency('AZN', ['manat', 'manats', 'Azerbaijani manat', 'Azerbaijani manats'], ['₼'], ['₼']),
  currency('TMT', ['Turkmen manat', 'Turkmen manats'], []),
  currency('RUB', ['rouble', 'roubles', 'ruble', 'rubles'], ['₽'], ['₽']),
  currency('JPY', ['yen'], ['¥']),
  currency('CNY', ['yuan', 'renminbi', 'RMB'], ['RMB']),
  currency('INR', ['Indian rupee', 'Indian rupees', 'rupee', 'rupees'], ['₹', 'Rs', 'Rs.']),
  currency('TRY', ['Turkish lira', 'Turkish liras', 'lira', 'liras'], ['₺']),
  currency('ILS', ['shekel', 'shekels', 'new shekels', 'NIS'], ['₪', 'NIS'], ['NIS']),
  currency('KZT', ['tenge'], ['₸']),
  currency('UAH', ['hryvnia', 'hryvnias', 'hryvnas'], ['₴']),
  currency('GEL', ['lari'], ['₾']),
  currency('IRR', ['rial', 'rials', 'Iranian rial', 'Iranian rials'], []),
  currency('SAR', ['Saudi riyal', 'Saudi riyals', 'riyal', 'riyals'], []),
  currency('AED', ['dirham', 'dirhams', 'UAE dirhams'], []),
  currency('CHF', ['Swiss franc', 'Swiss francs'], []),
  currency('KRW', ['South Korean won', 'Korean won'], ['₩']),
  currency('BRL', ['reais', 'Brazilian real', 'Brazilian reais'], ['R$']),
  currency('CAD', ['Canadian dollar', 'Canadian dollars'], ['C$', 'CA$']),
  currency('AUD', ['Australian dollar', 'Australian dollars'], ['A$', 'AU$']),
  currency('HKD', ['Hong Kong dollar', 'Hong Kong dollars', 'HK dollar', 'HK dollars'], ['HK$']),
  currency('SGD', ['Singapore dollar', 'Singapore dollars'], ['S$']),
  currency('NZD', ['New Zealand dollar', 'New Zealand dollars', 'NZ dollar', 'NZ dollars'], ['NZ$']),
  currency('MXN', ['Mexican peso', 'Mexican pesos'], ['MX$']),
  currency('SEK', ['Swedish krona', 'Swedish kronor'], []),
  currency('NOK', ['Norwegian krone', 'Norwegian kroner'], []),
  currency('DKK', ['Danish krone', 'Danish kroner'], []),
  currency('PLN', ['zloty', 'zlotys', 'zlotych'], []),
  currency('EGP', ['Egyptian pound', 'Egyptian pounds'], []),
  // Single-letter prefixes (K, N, R) are read only glued to a number with a scale or
  // thousands groups ("K2.5 billion", "N1,200"); see readCurrencyPrefix in find-figures.ts.
  currency('ZAR', ['rand', 'South African rand'], ['R']),
  currency('NGN', ['naira'], ['₦', 'N']),
  currency('ZMW', ['kwacha', 'Zambian kwacha'], ['K']),
  // "Sh8 billion", "Sh350": Kenyan papers write the shilling as "Sh" (issue 10, seventeenth round).
  // A bare "shillings" is read as Kenya's, as "Sh" is (issue 10, twenty-third round); the Ugandan
  // and Tanzanian shilling are read only when named.
  currency('KES', ['Kenyan shilling', 'Kenyan shillings', 'shilling', 'shillings'], ['KSh', 'Ksh', 'Sh']),
  currency('UGX', ['Ugandan shilling', 'Ugandan shillings'], []),
  currency('TZS', ['Tanzanian shilling', 'Tanzanian shillings'], []),
  currency('GHS', ['cedi', 'cedis', 'Ghanaian cedi'], ['GH₵', 'GH¢']),
  currency('PKR', ['Pakistani rupee', 'Pakistani rupees'], ['PKR']),
  currency('LKR', ['Sri Lankan rupee', 'Sri Lankan rupees'], []),
  currency('BDT', ['taka'], ['Tk', '৳']),
  currency('IDR', ['rupiah'], ['Rp']),
  currency('MYR', ['ringgit'], ['RM']),
  currency('VND', ['dong'], ['₫']),
  currency('THB', ['baht'], ['฿']),
  currency('PHP', ['Philippine peso', 'Philippine pesos'], ['₱']),
  currency('UZS', ['Uzbek sum', 'Uzbek soums', 'soums'], []),

  // Percent.
  unit('percent', 'percent', '%', '1', {
    words: ['percent', 'per cent', 'pct', 'per-cent', 'percentage point', 'percentage points'],
    // "rose 14pc" (Argus, the Financial Times): 'pc' glued to the number or after a space.
    symbols: ['%', '％', 'pc'],
  }, 'identity'),

  // Liquid volume -> barrels: litres and gallons go through the exact litre size of a barrel.
  unit('barrel', 'volume', 'bbl', '1', { words: ['barrel', 'barrels'], symbols: ['bbl', 'bbls'] }, BARREL_SOURCE),
  unit('million-barrels', 'volume', 'bbl', '1000000', { symbols: ['MMbbl', 'mmbbl'] }, 'oil-industry MM = 10^6'),
  unit('litre', 'volume', 'bbl', '1', { words: ['litre', 'litres', 'liter', 'liters'], divisor: LITRES_PER_BARREL }, BARREL_SOURCE),
  unit('us-gallon', 'volume', 'bbl', '1', { words: ['gallon', 'gallons'], divisor: '42' }, BARREL_SOURCE),
  // Cubic measures -> m3. They are how gas is traded (bcm, bcf): a barrel of oil is no unit for
  // gas, so these keep their own canonical unit instead of being turned into barrels.
  unit('cubic-metre', 'volume', 'm3', '1', {
    words: ['cubic metre', 'cubic metres', 'cubic meter', 'cubic meters', 'cu m'],
    symbols: ['m3', 'm³'],
  }, 'SI unit of volume'),
  unit('million-cubic-metres', 'volume', 'm3', '1000000', { symbols: ['mcm', 'MCM'] }, 'mcm = 10^6 m3'),
  unit('billion-cubic-metres', 'volume', 'm3', '1000000000', { symbols: ['bcm', 'BCM'] }, 'bcm = 10^9 m3 (gas trade)'),
  unit('cubic-foot', 'volume', 'm3', '0.028316846592', { words: ['cubic foot', 'cubic feet'] }, '1 ft = 0.3048 m exactly (international foot, 1959)'),
  unit('billion-cubic-feet', 'volume', 'm3', '28316846.592', { symbols: ['bcf', 'Bcf'] }, 'bcf = 10^9 ft3'),
  unit('trillion-cubic-feet', 'volume', 'm3', '28316846592', { symbols: ['tcf', 'Tcf'] }, 'tcf = 10^12 ft3'),

  // Volume per day -> barrels per day.
  unit('barrels-per-day', 'volume_rate', 'bbl/d', '1', {
    words: [
      'barrels per day', 'barrels a day', 'barrels/day', 'barrel per day', 'barrels of oil per day', 'barrels of oil a day',
      'barrels of crude per day', 'barrels of crude a day', 'barrels of crude oil per day', 'barrels of crude oil a day', 'bpd', 'bopd',
      'barrels daily', 'barrels of oil daily', 'barrels of crude daily', 'barrel a day', 'barrel-a-day', 'barrel-per-day', 'barrels-a-day',
      'barrels-per-day',
    ],
    symbols: ['b/d', 'bbl/d', 'bbl/day', 'BPD'],
  }, 'identity'),
  unit('thousand-barrels-per-day', 'volume_rate', 'bbl/d', '1000', { symbols: ['kb/d', 'kbd', 'kbpd', 'kbbl/d', 'tb/d', 'Kb/d', 'KB/D'] }, 'k = 10^3'),
  unit('million-barrels-per-day', 'volume_rate', 'bbl/d', '1000000', { symbols: ['mb/d', 'Mb/d', 'MB/D', 'mbd', 'mbpd', 'MMb/d', 'mmb/d', 'MMbpd', 'mmbpd', 'MMbbl/d', 'mmbbl/d'] }, 'm, MM = 10^6'),

  // Area -> hectares.
  unit('hectare', 'area', 'ha', '1', { words: ['hectare', 'hectares'], symbols: ['ha'] }, 'hectare = 10^4 m2'),
  unit('square-kilometre', 'area', 'ha', '100', {
    words: ['square kilometre', 'square kilometres', 'square kilometer', 'square kilometers', 'sq km', 'sq. km', 'sq. km.'],
    symbols: ['km2', 'km²', 'sqkm'],
  }, '1 km2 = 100 ha'),
  unit('acre', 'area', 'ha', '0.40468564224', { words: ['acre', 'acres'] }, 'international acre = 4046.8564224 m2 exactly'),
  unit('square-mile', 'area', 'ha', '258.9988110336', { words: ['square mile', 'square miles', 'sq mi'] }, '1 mi2 = 2.589988110336 km2 exactly'),
  unit('dunam', 'area', 'ha', '0.1', { words: ['dunam', 'dunams', 'dunum', 'dunums', 'donum', 'donums'] }, 'metric dunam = 1000 m2 (Israel, Palestine, Jordan land registries)'),
]

/** Counts of things ("six patrol ships") have no spelling of their own: the noun is the unit. */
export const COUNT_UNIT: UnitEntry = unit('count', 'count', '1', '1', {}, 'identity')

/** Words and abbreviations that multiply a number: "2.289 million", "$410m", "US$ 5 bn". */
export const SCALES: readonly ScaleEntry[] = [
  { id: 'hundred', factor: '100', words: ['hundred'], symbols: [], source: 'exact' },
  { id: 'thousand', factor: '1000', words: ['thousand'], symbols: ['k', 'K'], source: 'exact' },
  { id: 'lakh', factor: '100000', words: ['lakh', 'lakhs', 'lac'], symbols: [], source: 'Indian numbering, exact' },
  { id: 'million', factor: '1000000', words: ['million', 'millions', 'mln', 'mn', 'mil', 'mio'], symbols: ['m', 'M', 'MM'], source: 'short scale, exact' },
  { id: 'crore', factor: '10000000', words: ['crore', 'crores'], symbols: [], source: 'Indian numbering, exact' },
  { id: 'billion', factor: '1000000000', words: ['billion', 'billions', 'bn', 'bln', 'bil'], symbols: ['b', 'B', 'Bn', 'BN'], source: 'short scale (10^9), as English-language news uses it' },
  { id: 'trillion', factor: '1000000000000', words: ['trillion', 'trillions', 'tn', 'trn', 'tln'], symbols: ['T'], source: 'short scale (10^12)' },
]

/**
 * Densities, per commodity, for the only mass <-> volume bridge there is. The figures are the
 * "approximate conversion factors" table of the BP Statistical Review of World Energy (now the
 * Energy Institute Statistical Review); a real cargo's density differs, so these are for
 * estimates and checks, never for the stored value of a figure.
 */
export const DENSITIES: readonly DensityEntry[] = [
  { commodity: 'crude oil', hsCode: '2709', barrelsPerTonne: '7.33', source: 'typical crude: BP Statistical Review of World Energy, approximate conversion factors (0.136 t/bbl)' },
  { commodity: 'liquefied petroleum gas', hsCode: '2711', barrelsPerTonne: '11.6', source: 'LPG: BP Statistical Review of World Energy, approximate conversion factors' },
  { commodity: 'gasoline', hsCode: '2710', barrelsPerTonne: '8.53', source: 'gasoline: BP Statistical Review of World Energy, approximate conversion factors' },
  { commodity: 'kerosene', hsCode: '2710', barrelsPerTonne: '7.88', source: 'kerosene: BP Statistical Review of World Energy, approximate conversion factors' },
  { commodity: 'diesel', hsCode: '2710', barrelsPerTonne: '7.46', source: 'gas oil/diesel: BP Statistical Review of World Energy, approximate conversion factors' },
  { commodity: 'fuel oil', hsCode: '2710', barrelsPerTonne: '6.66', source: 'residual fuel oil: BP Statistical Review of World Energy, approximate conversion factors' },
]
