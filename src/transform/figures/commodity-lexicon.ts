/**
 * Commodity words reporters use, mapped to a normalized name and an HS code (HS 2017 headings).
 * Written by the team. Matching is case-insensitive and longest-first, so "oil products" is a
 * refined product (2710) while plain "oil" and "crude" are crude oil (2709), and "palm oil" is
 * neither.
 */

export interface CommodityEntry {
  /** Normalized name, e.g. 'crude oil'. */
  readonly name: string
  /** HS heading or chapter; empty when a phrase spans several headings. */
  readonly hsCode: string
  /** Spellings, lower case. */
  readonly terms: readonly string[]
}

export interface CommodityMention {
  readonly start: number
  readonly end: number
  readonly commodity: CommodityEntry
}

export const COMMODITIES: readonly CommodityEntry[] = [
  { name: 'crude oil', hsCode: '2709', terms: ['crude oil', 'crude', 'oil', 'petroleum', 'crude petroleum', 'petroleum oils, crude', 'azeri light', 'brent', 'urals', 'black gold'] },
  {
    name: 'petroleum products',
    hsCode: '2710',
    terms: [
      'oil products', 'petroleum products', 'refined products', 'refined oil products', 'refined petroleum products', 'refined oil',
      'fuels', 'fuel', 'diesel', 'gasoline', 'petrol', 'jet fuel', 'kerosene', 'fuel oil', 'gasoil', 'gas oil', 'naphtha', 'bitumen', 'lubricants',
    ],
  },
  { name: 'crude oil and petroleum products', hsCode: '', terms: ['crude oil and oil products', 'oil and oil products', 'oil and petroleum products', 'crude oil and petroleum products', 'crude and oil products', 'crude and products'] },
  { name: 'natural gas', hsCode: '2711', terms: ['natural gas', 'gas', 'lng', 'liquefied natural gas', 'pipeline gas', 'lpg', 'liquefied petroleum gas'] },
  { name: 'coal', hsCode: '2701', terms: ['coal', 'thermal coal', 'coking coal', 'hard coal'] },
  { name: 'electricity', hsCode: '2716', terms: ['electricity', 'electric power', 'electrical energy'] },
  { name: 'wheat', hsCode: '1001', terms: ['wheat', 'durum wheat', 'meslin'] },
  { name: 'barley', hsCode: '1003', terms: ['barley'] },
  { name: 'maize', hsCode: '1005', terms: ['maize', 'corn'] },
  { name: 'rice', hsCode: '1006', terms: ['rice'] },
  { name: 'grain', hsCode: '10', terms: ['grain', 'grains', 'cereals'] },
  { name: 'soybeans', hsCode: '1201', terms: ['soybeans', 'soybean', 'soya beans', 'soy beans', 'soya'] },
  { name: 'soybean meal', hsCode: '2304', terms: ['soybean meal', 'soya meal', 'soy meal', 'soymeal', 'soyameal'] },
  { name: 'sunflower oil', hsCode: '1512', terms: ['sunflower oil', 'sunflower-seed oil', 'sunflower seed oil'] },
  { name: 'palm oil', hsCode: '1511', terms: ['palm oil', 'crude palm oil', 'palm olein', 'oil palm products', 'palm oil products', 'palm products'] },
  { name: 'olive oil', hsCode: '1509', terms: ['olive oil'] },
  { name: 'vegetable oil', hsCode: '15', terms: ['vegetable oil', 'vegetable oils', 'edible oil', 'edible oils', 'cooking oil'] },
  { name: 'sugar', hsCode: '1701', terms: ['sugar', 'raw sugar', 'cane sugar'] },
  { name: 'coffee', hsCode: '0901', terms: ['coffee'] },
  { name: 'tea', hsCode: '0902', terms: ['tea'] },
  { name: 'cocoa', hsCode: '1801', terms: ['cocoa', 'cocoa beans'] },
  { name: 'hazelnuts', hsCode: '0802', terms: ['hazelnuts', 'hazelnut'] },
  { name: 'cherries', hsCode: '0809', terms: ['cherries', 'cherry'] },
  { name: 'avocados', hsCode: '080440', terms: ['avocados', 'avocado'] },
  { name: 'cement', hsCode: '2523', terms: ['cement'] },
  { name: 'citrus fruit', hsCode: '0805', terms: ['citrus', 'oranges', 'tangerines', 'mandarins', 'lemons'] },
  { name: 'fruits and vegetables', hsCode: '', terms: ['fruits and vegetables', 'fruit and vegetables'] },
  { name: 'cotton', hsCode: '5201', terms: ['cotton', 'raw cotton', 'cotton fibre', 'cotton fiber'] },
  { name: 'beef', hsCode: '0201', terms: ['beef'] },
  { name: 'poultry', hsCode: '0207', terms: ['poultry', 'chicken meat'] },
  { name: 'fertilizers', hsCode: '31', terms: ['fertilizer', 'fertilizers', 'fertiliser', 'fertilisers', 'urea', 'potash', 'ammonium nitrate'] },
  { name: 'iron ore', hsCode: '2601', terms: ['iron ore'] },
  { name: 'nickel ore', hsCode: '2604', terms: ['nickel ore', 'nickel ores', 'nickel oxide ore'] },
  { name: 'phosphates', hsCode: '2510', terms: ['phosphates', 'phosphate', 'phosphate rock', 'phosphate products'] },
  { name: 'copper ore', hsCode: '2603', terms: ['copper ore', 'copper ores', 'copper concentrate', 'copper concentrates', 'copper ores and concentrates', 'copper ore and concentrates'] },
  { name: 'copper', hsCode: '74', terms: ['copper', 'refined copper', 'copper cathodes'] },
  { name: 'aluminium', hsCode: '76', terms: ['aluminium', 'aluminum'] },
  { name: 'steel', hsCode: '72', terms: ['steel', 'iron and steel', 'rolled steel', 'steel products'] },
  { name: 'gold', hsCode: '7108', terms: ['gold'] },
  { name: 'diamonds', hsCode: '7102', terms: ['diamonds', 'rough diamonds'] },
  { name: 'cars', hsCode: '8703', terms: ['cars', 'passenger cars', 'automobiles'] },
  { name: 'pharmaceuticals', hsCode: '30', terms: ['pharmaceuticals', 'medicines', 'pharmaceutical products'] },
  { name: 'arms', hsCode: '93', terms: ['arms', 'weapons', 'weaponry', 'military equipment', 'defense equipment', 'defence equipment'] },
]

const TERM_TO_ENTRY: ReadonlyMap<string, CommodityEntry> = new Map(
  COMMODITIES.flatMap((c) => c.terms.map((t) => [t, c] as const)),
)

const COMMODITY_RE = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${[...TERM_TO_ENTRY.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}-])`,
  'giu',
)

/** Words that leave the goods after them out: "other than", "excluding", "except", "apart from". */
const EXCLUDED_BEFORE_RE = /(?<![\p{L}])(?:other\s+than|excluding|except(?:\s+for)?|apart\s+from|aside\s+from|besides|not\s+counting|leaving\s+out)\s+(?:the\s+)?$/iu

/** The material after a bare 'crude' that is not oil: "crude metal", "crude steel", "crude aluminium". */
const CRUDE_METAL_AFTER_RE = /^\s+(?:metals?|steel|aluminium|aluminum|copper|zinc|nickel|tin|lead|iron|ore|ores|alloys?)(?![\p{L}])/iu

/** Every commodity mentioned in `text`, left to right. */
export function findCommodityMentions(text: string): CommodityMention[] {
  const mentions: CommodityMention[] = []
  for (const m of text.matchAll(COMMODITY_RE)) {
    // "trade in goods other than oil", "exports excluding oil": goods left out (issue 10, seventeenth round).
    if (EXCLUDED_BEFORE_RE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue
    // "crude metal and alloys", "crude steel": 'crude' says how raw a metal is, not that it is oil (issue 10, twentieth round).
    if (/^crude$/iu.test(m[0]) && CRUDE_METAL_AFTER_RE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) continue
    const entry = TERM_TO_ENTRY.get(m[0].toLowerCase().replace(/\s+/g, ' '))
    if (entry !== undefined) mentions.push({ start: m.index, end: m.index + m[0].length, commodity: entry })
  }
  return mentions
}

/** The rest of an institution's name after a capitalised commodity word: "(Coffee) and Tea Authority", "(Tea) Board". */
const INSTITUTION_AFTER_RE = /^(?:\s+(?:(?:and|&|of)\s+)?\p{Lu}[\p{L}-]*){0,5}?\s+(?:Authority|Board|Council|Association|Agency|Corporation|Company|Commission|Exchange|Institute|Federation|Chamber|Ministry|Organi[sz]ation|Bureau|Brokers|Union|Directorate|Society)(?![\p{L}])/u

/** Whether a mention is a word of an institution's name ("the Ethiopian Coffee and Tea Authority"), not the goods a sentence is about. */
export function inInstitutionName(text: string, m: CommodityMention): boolean {
  return (/^\p{Lu}/u.test(text.slice(m.start, m.end)) && INSTITUTION_AFTER_RE.test(text.slice(m.end, m.end + 80))) || COMPANY_AFTER_RE.test(text.slice(m.end, m.end + 24))
}
/** "the state oil company's bulletin", "a coal firm": a goods word that only says what a company deals in (issue 10, sixteenth round). */
const COMPANY_AFTER_RE = /^\s+(?:company|companies|firm|firms|major|majors|giant|giants|conglomerate)(?![\p{L}])/u

/** The commodity a phrase names ("petroleum products" -> 2710), or undefined. */
export function lookupCommodity(term: string): CommodityEntry | undefined {
  return TERM_TO_ENTRY.get(term.trim().toLowerCase().replace(/\s+/g, ' '))
}
