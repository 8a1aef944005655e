/**
 * Trade flows the way sources spell them, to M / X / RM / RX. Anything else (DX, FM, XOP, ...)
 * is kept as given, upper-cased: it is a real flow in the source's own terms.
 */
const FLOWS: ReadonlyMap<string, string> = new Map([
  ['m', 'M'], ['1', 'M'], ['import', 'M'], ['imports', 'M'],
  ['x', 'X'], ['2', 'X'], ['export', 'X'], ['exports', 'X'],
  ['rx', 'RX'], ['3', 'RX'], ['re-export', 'RX'], ['re-exports', 'RX'], ['reexport', 'RX'],
  ['rm', 'RM'], ['4', 'RM'], ['re-import', 'RM'], ['re-imports', 'RM'], ['reimport', 'RM'],
])

/** The flow for a code and/or a label; the label wins when it is one we know. Null when both are blank. */
export function normalizeFlow(code: string | undefined, label?: string): string | null {
  const fromLabel = label === undefined ? undefined : FLOWS.get(label.trim().toLowerCase())
  if (fromLabel !== undefined) return fromLabel
  const c = code?.trim() ?? ''
  if (c !== '') return FLOWS.get(c.toLowerCase()) ?? c.toUpperCase()
  const l = label?.trim() ?? ''
  return l === '' ? null : l.toUpperCase()
}
