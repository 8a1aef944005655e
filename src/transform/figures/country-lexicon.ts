/**
 * Country names, short forms and demonyms to ISO 3166-1 alpha-3, written by the team from
 * general knowledge. Matching is case-sensitive ("US" is a country, "us" is not; "Turkey" is,
 * "turkey" is not). Each line: ISO3 | names | demonyms and adjectives | un (UN member state).
 * Ambiguous short forms are settled once here: "Congo" is the Republic of the Congo (the UN
 * name), "Korea" and "Korean" are the Republic of Korea, "Dominican" is the Dominican Republic,
 * "America" is the United States.
 */

export interface CountryEntry {
  readonly iso3: string
  /** The first is the common English name. */
  readonly names: readonly string[]
  readonly demonyms: readonly string[]
  /** One of the 193 UN member states (observers and territories are listed too, as false). */
  readonly unMember: boolean
}

export interface CountryMention {
  readonly start: number
  readonly end: number
  readonly iso3: string
  /** 'name' ("Israel", "the UAE") or 'demonym' ("Israeli", "Azeri"). */
  readonly form: 'name' | 'demonym'
}

const TABLE = `
AFG|Afghanistan|Afghan|un
ALB|Albania|Albanian|un
DZA|Algeria|Algerian|un
AND|Andorra|Andorran|un
AGO|Angola|Angolan|un
ATG|Antigua and Barbuda;Antigua|Antiguan|un
ARG|Argentina|Argentine;Argentinian|un
ARM|Armenia|Armenian|un
AUS|Australia|Australian|un
AUT|Austria|Austrian|un
AZE|Azerbaijan;Republic of Azerbaijan|Azerbaijani;Azeri;Azerbaijanian|un
BHS|Bahamas|Bahamian|un
BHR|Bahrain|Bahraini|un
BGD|Bangladesh|Bangladeshi|un
BRB|Barbados|Barbadian|un
BLR|Belarus|Belarusian|un
BEL|Belgium|Belgian|un
BLZ|Belize|Belizean|un
BEN|Benin|Beninese|un
BTN|Bhutan|Bhutanese|un
BOL|Bolivia|Bolivian|un
BIH|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia|Bosnian|un
BWA|Botswana|Botswanan|un
BRA|Brazil|Brazilian|un
BRN|Brunei;Brunei Darussalam|Bruneian|un
BGR|Bulgaria|Bulgarian|un
BFA|Burkina Faso|Burkinabe;Burkinabè|un
BDI|Burundi|Burundian|un
CPV|Cabo Verde;Cape Verde|Cape Verdean;Cabo Verdean|un
KHM|Cambodia|Cambodian|un
CMR|Cameroon|Cameroonian|un
CAN|Canada|Canadian|un
CAF|Central African Republic|Central African|un
TCD|Chad|Chadian|un
CHL|Chile|Chilean|un
CHN|China;People's Republic of China;PRC;Mainland China|Chinese|un
COL|Colombia|Colombian|un
COM|Comoros|Comorian|un
COG|Republic of the Congo;Congo-Brazzaville;Congo||un
COD|Democratic Republic of the Congo;DR Congo;DRC;Congo-Kinshasa|Congolese|un
CRI|Costa Rica|Costa Rican|un
CIV|Côte d'Ivoire;Cote d'Ivoire;Ivory Coast|Ivorian|un
HRV|Croatia|Croatian|un
CUB|Cuba|Cuban|un
CYP|Cyprus|Cypriot|un
CZE|Czechia;Czech Republic|Czech|un
DNK|Denmark|Danish|un
DJI|Djibouti|Djiboutian|un
DMA|Dominica||un
DOM|Dominican Republic|Dominican|un
ECU|Ecuador|Ecuadorian|un
EGY|Egypt|Egyptian|un
SLV|El Salvador|Salvadoran;Salvadorean|un
GNQ|Equatorial Guinea|Equatoguinean;Equatorial Guinean|un
ERI|Eritrea|Eritrean|un
EST|Estonia|Estonian|un
SWZ|Eswatini;Swaziland|Swazi|un
ETH|Ethiopia|Ethiopian|un
FJI|Fiji|Fijian|un
FIN|Finland|Finnish|un
FRA|France|French|un
GAB|Gabon|Gabonese|un
GMB|Gambia|Gambian|un
GEO|Georgia|Georgian|un
DEU|Germany|German|un
GHA|Ghana|Ghanaian|un
GRC|Greece|Greek|un
GRD|Grenada|Grenadian|un
GTM|Guatemala|Guatemalan|un
GIN|Guinea;Guinea-Conakry|Guinean|un
GNB|Guinea-Bissau|Bissau-Guinean|un
GUY|Guyana|Guyanese|un
HTI|Haiti|Haitian|un
HND|Honduras|Honduran|un
HUN|Hungary|Hungarian|un
ISL|Iceland|Icelandic|un
IND|India|Indian|un
IDN|Indonesia|Indonesian|un
IRN|Iran;Islamic Republic of Iran|Iranian|un
IRQ|Iraq|Iraqi|un
IRL|Ireland;Republic of Ireland|Irish|un
ISR|Israel;State of Israel|Israeli|un
ITA|Italy|Italian|un
JAM|Jamaica|Jamaican|un
JPN|Japan|Japanese|un
JOR|Jordan|Jordanian|un
KAZ|Kazakhstan|Kazakh;Kazakhstani|un
KEN|Kenya|Kenyan|un
KIR|Kiribati||un
KWT|Kuwait|Kuwaiti|un
KGZ|Kyrgyzstan;Kyrgyz Republic;Kirghizia|Kyrgyz;Kyrgyzstani|un
LAO|Laos;Lao PDR;Lao People's Democratic Republic|Laotian|un
LVA|Latvia|Latvian|un
LBN|Lebanon|Lebanese|un
LSO|Lesotho|Basotho|un
LBR|Liberia|Liberian|un
LBY|Libya|Libyan|un
LIE|Liechtenstein||un
LTU|Lithuania|Lithuanian|un
LUX|Luxembourg|Luxembourgish|un
MDG|Madagascar|Malagasy|un
MWI|Malawi|Malawian|un
MYS|Malaysia|Malaysian|un
MDV|Maldives|Maldivian|un
MLI|Mali|Malian|un
MLT|Malta|Maltese|un
MHL|Marshall Islands|Marshallese|un
MRT|Mauritania|Mauritanian|un
MUS|Mauritius|Mauritian|un
MEX|Mexico|Mexican|un
FSM|Micronesia;Federated States of Micronesia|Micronesian|un
MDA|Moldova;Republic of Moldova|Moldovan|un
MCO|Monaco|Monegasque|un
MNG|Mongolia|Mongolian|un
MNE|Montenegro|Montenegrin|un
MAR|Morocco|Moroccan|un
MOZ|Mozambique|Mozambican|un
MMR|Myanmar;Burma|Burmese|un
NAM|Namibia|Namibian|un
NRU|Nauru|Nauruan|un
NPL|Nepal|Nepalese;Nepali|un
NLD|Netherlands;Holland|Dutch|un
NZL|New Zealand||un
NIC|Nicaragua|Nicaraguan|un
NER|Niger|Nigerien|un
NGA|Nigeria|Nigerian|un
PRK|North Korea;Democratic People's Republic of Korea;DPRK|North Korean|un
MKD|North Macedonia;Macedonia|North Macedonian;Macedonian|un
NOR|Norway|Norwegian|un
OMN|Oman|Omani|un
PAK|Pakistan|Pakistani|un
PLW|Palau|Palauan|un
PAN|Panama|Panamanian|un
PNG|Papua New Guinea|Papua New Guinean|un
PRY|Paraguay|Paraguayan|un
PER|Peru|Peruvian|un
PHL|Philippines|Philippine;Filipino|un
POL|Poland|Polish|un
PRT|Portugal|Portuguese|un
QAT|Qatar|Qatari|un
ROU|Romania|Romanian|un
RUS|Russia;Russian Federation|Russian|un
RWA|Rwanda|Rwandan|un
KNA|Saint Kitts and Nevis;St Kitts and Nevis;St. Kitts and Nevis|Kittitian|un
LCA|Saint Lucia;St Lucia;St. Lucia|Saint Lucian|un
VCT|Saint Vincent and the Grenadines;St Vincent and the Grenadines;St. Vincent and the Grenadines|Vincentian|un
WSM|Samoa|Samoan|un
SMR|San Marino|Sammarinese|un
STP|Sao Tome and Principe;São Tomé and Príncipe|Santomean|un
SAU|Saudi Arabia;Kingdom of Saudi Arabia;KSA|Saudi|un
SEN|Senegal|Senegalese|un
SRB|Serbia|Serbian|un
SYC|Seychelles|Seychellois|un
SLE|Sierra Leone|Sierra Leonean|un
SGP|Singapore|Singaporean|un
SVK|Slovakia|Slovak|un
SVN|Slovenia|Slovenian;Slovene|un
SLB|Solomon Islands||un
SOM|Somalia|Somali|un
ZAF|South Africa|South African|un
KOR|South Korea;Republic of Korea;Korea|South Korean;Korean|un
SSD|South Sudan|South Sudanese|un
ESP|Spain|Spanish|un
LKA|Sri Lanka|Sri Lankan|un
SDN|Sudan|Sudanese|un
SUR|Suriname;Surinam|Surinamese|un
SWE|Sweden|Swedish|un
CHE|Switzerland|Swiss|un
SYR|Syria;Syrian Arab Republic|Syrian|un
TJK|Tajikistan|Tajik;Tajikistani|un
TZA|Tanzania;United Republic of Tanzania|Tanzanian|un
THA|Thailand|Thai|un
TLS|Timor-Leste;East Timor|Timorese|un
TGO|Togo|Togolese|un
TON|Tonga|Tongan|un
TTO|Trinidad and Tobago;Trinidad|Trinidadian|un
TUN|Tunisia|Tunisian|un
TUR|Türkiye;Turkiye;Turkey|Turkish|un
TKM|Turkmenistan|Turkmen|un
TUV|Tuvalu|Tuvaluan|un
UGA|Uganda|Ugandan|un
UKR|Ukraine|Ukrainian|un
ARE|United Arab Emirates;UAE;U.A.E.|Emirati|un
GBR|United Kingdom;UK;U.K.;Britain;Great Britain|British|un
USA|United States;United States of America;US;U.S.;USA;U.S.A.;America|American|un
URY|Uruguay|Uruguayan|un
UZB|Uzbekistan|Uzbek;Uzbekistani|un
VUT|Vanuatu|Ni-Vanuatu|un
VEN|Venezuela|Venezuelan|un
VNM|Vietnam;Viet Nam|Vietnamese|un
YEM|Yemen|Yemeni|un
ZMB|Zambia|Zambian|un
ZWE|Zimbabwe|Zimbabwean|un
VAT|Holy See;Vatican;Vatican City||
PSE|Palestine;State of Palestine|Palestinian|
TWN|Taiwan|Taiwanese|
HKG|Hong Kong|Hongkonger|
MAC|Macao;Macau|Macanese|
XKX|Kosovo|Kosovar|
PRI|Puerto Rico|Puerto Rican|
GRL|Greenland|Greenlandic|
`

function parseTable(table: string): CountryEntry[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [iso3 = '', names = '', demonyms = '', un = ''] = line.split('|')
      return {
        iso3,
        names: names.split(';').filter((n) => n !== ''),
        demonyms: demonyms.split(';').filter((d) => d !== ''),
        unMember: un === 'un',
      }
    })
}

/** Every country the linker recognises. */
export const COUNTRIES: readonly CountryEntry[] = parseTable(TABLE)

/**
 * Place names that contain a country name or demonym but are not the country: matched first
 * (longest wins) and then dropped, so "North America" never becomes the United States.
 */
const NOT_COUNTRIES = [
  'North America', 'South America', 'Latin America', 'Central America', 'North American', 'South American',
  'Latin American', 'Central American', 'New Guinea', 'New Mexico', 'Gulf of Mexico', 'Niger Delta', 'Indian Ocean',
  'British Columbia', 'Korean Peninsula', 'Georgia Tech', 'American Samoa', 'Jordan River', 'Chinese Taipei',
]

interface Spelling {
  readonly iso3: string | null
  readonly form: 'name' | 'demonym'
}

const SPELLINGS: ReadonlyMap<string, Spelling> = (() => {
  const map = new Map<string, Spelling>()
  for (const c of COUNTRIES) {
    for (const n of c.names) if (!map.has(n)) map.set(n, { iso3: c.iso3, form: 'name' })
    for (const d of c.demonyms) if (!map.has(d)) map.set(d, { iso3: c.iso3, form: 'demonym' })
  }
  for (const n of NOT_COUNTRIES) map.set(n, { iso3: null, form: 'name' })
  return map
})()

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// One alternation, longest spelling first, so "Papua New Guinea" wins over "Guinea" and
// "Guinea-Bissau" over "Guinea". "US" before "dollars" is the currency, not the country.
const COUNTRY_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...SPELLINGS.keys()].sort((a, b) => b.length - a.length).map((s) => escapeRegExp(s).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])(?!\\s+dollars?\\b)`,
  'gu',
)
/**
 * "US $5 billion", "Hong Kong $40 million": before "$", the name of a country with a dollar of its
 * own is the currency. Other names keep their country: "Uruguay $1.8 billion" is an amount listed
 * after its country.
 */
const DOLLAR_COUNTRIES: ReadonlySet<string> = new Set(['USA', 'CAN', 'AUS', 'NZL', 'HKG', 'SGP', 'TWN', 'NAM', 'JAM', 'BHS', 'BRB', 'BLZ', 'FJI', 'GUY', 'LBR', 'TTO', 'ZWE', 'BRN', 'SLB'])

/**
 * Capitals that stand for their government ("Moscow has said it will cut exports", "Baku
 * said"): a mention only when a verb follows, so datelines ("MOSCOW, Sept 3") and places ("data
 * released in Baku") are not the country.
 */
const CAPITALS: Readonly<Record<string, string>> = {
  Moscow: 'RUS', Beijing: 'CHN', Baku: 'AZE', Riyadh: 'SAU', Tehran: 'IRN', Ankara: 'TUR', Kyiv: 'UKR', Kiev: 'UKR', Tokyo: 'JPN',
  Seoul: 'KOR', 'New Delhi': 'IND', Brasilia: 'BRA', 'Brasília': 'BRA', Canberra: 'AUS', Ottawa: 'CAN', Abuja: 'NGA', Cairo: 'EGY',
  Astana: 'KAZ', Tashkent: 'UZB', Islamabad: 'PAK', Jakarta: 'IDN', Hanoi: 'VNM', Berlin: 'DEU', Paris: 'FRA', London: 'GBR',
  Rome: 'ITA', Madrid: 'ESP', Washington: 'USA', Caracas: 'VEN', Baghdad: 'IRQ', Doha: 'QAT', 'Abu Dhabi': 'ARE', Muscat: 'OMN',
  Algiers: 'DZA', Tripoli: 'LBY', Luanda: 'AGO', Oslo: 'NOR', Warsaw: 'POL', Budapest: 'HUN', Minsk: 'BLR', Tbilisi: 'GEO',
  Yerevan: 'ARM', Ashgabat: 'TKM', 'Kuala Lumpur': 'MYS', Manila: 'PHL', Bangkok: 'THA',
}
const CAPITAL_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${Object.keys(CAPITALS).map((c) => escapeRegExp(c).replace(/ /g, '\\s+')).join('|')})(?=\\s+(?:has|have|had|is|was|will|would|said|says|plans?|planned|wants?|wanted|agreed|imported|exported|bought|sold|shipped|cut|raised|announced|expects?|intends?)(?![\\p{L}]))`,
  'gu',
)

const STATISTICS_OFFICE_BEFORE_RE = /(?<![\p{L}])Statistics\s+$/u

/** "the", "a", "an" right before a demonym of one company. */
const ONE_COMPANY_BEFORE_RE = /(?<![\p{L}])(?:the|a|an)\s+$/iu
/** A singular company noun right after the demonym, at most one word between: "company", "mining group". */
const ONE_COMPANY_AFTER_RE = /^\s+(?:[\p{Ll}-]+\s+)?(?:company|group|firm|miner|operator|conglomerate|multinational|corporation)(?![\p{L}])/u

/** Every country mentioned in `text`, left to right. */
export function findCountryMentions(text: string): CountryMention[] {
  const mentions: CountryMention[] = []
  for (const m of text.matchAll(COUNTRY_RE)) {
    const spelling = SPELLINGS.get(m[0].replace(/\s+/g, ' '))
    if (spelling === undefined || spelling.iso3 === null) continue
    if (DOLLAR_COUNTRIES.has(spelling.iso3) && /^\s*\$/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3))) continue
    // "Statistics Netherlands", "Statistics Canada": a statistics office named after its country
    // is the figures' source, not a country of the trade.
    if (spelling.form === 'name' && STATISTICS_OFFICE_BEFORE_RE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue
    // "the Canadian company, which holds 39.6%", "the Chinese group CMOC's mines": one company's
    // nationality, not a country of the trade (issue 10, twentieth round).
    if (spelling.form === 'demonym' && ONE_COMPANY_BEFORE_RE.test(text.slice(Math.max(0, m.index - 6), m.index)) && ONE_COMPANY_AFTER_RE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue
    mentions.push({ start: m.index, end: m.index + m[0].length, iso3: spelling.iso3, form: spelling.form })
  }
  for (const m of text.matchAll(CAPITAL_RE)) {
    const iso3 = CAPITALS[(m[1] ?? '').replace(/\s+/g, ' ')]
    if (iso3 !== undefined && !mentions.some((x) => x.start < m.index + m[0].length && m.index < x.end)) mentions.push({ start: m.index, end: m.index + m[0].length, iso3, form: 'name' })
  }
  return mentions.sort((a, b) => a.start - b.start)
}

/** ISO3 for one name or demonym ("Azerbaijani" -> "AZE"), or undefined. */
export function lookupCountry(nameOrDemonym: string): string | undefined {
  return SPELLINGS.get(nameOrDemonym.trim().replace(/\s+/g, ' '))?.iso3 ?? undefined
}
