/**
 * Sentence and paragraph boundaries, good enough for linking a figure to the year and the
 * countries its sentence names. A single line break is not a boundary (scraped text wraps
 * mid-sentence) unless the next line starts a table row, list item or heading. Not a general tokenizer: it knows the abbreviations that show up
 * in trade news ("U.S.", "Jan.", "No.") and initials ("I.D.E."), nothing more.
 */

export interface Sentence {
  readonly start: number
  readonly end: number
  /** Sentences of one paragraph share the number; the year window never crosses a paragraph. */
  readonly paragraph: number
}

const PARAGRAPH_BREAK = /\n[ \t\r]*\n/g
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s+["'“‘(]?[\p{Lu}\d])|(?<=[|:])[ \t]*(?=\r?\n)|(?=\r?\n[ \t]*(?:[|*•#>]|-\s|\d+[.)]\s))/gu
const ABBREVIATION = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|Pres|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|e\.g|i\.e|approx|est|ca|cf|Fig|Art|Sec|(?:[A-Z]\.)*[A-Z])$/

/** Sentences of `text`, in order, covering every non-blank character. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = []
  let paragraph = 0
  let paraStart = 0
  const paragraphs: [number, number][] = []
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    paragraphs.push([paraStart, m.index])
    paraStart = m.index + m[0].length
  }
  paragraphs.push([paraStart, text.length])
  for (const [pStart, pEnd] of paragraphs) {
    const body = text.slice(pStart, pEnd)
    if (body.trim() === '') continue
    let start = 0
    for (const m of body.matchAll(SENTENCE_END)) {
      const before = body.slice(Math.max(0, m.index - 12), m.index)
      if (m[0].startsWith('.') && ABBREVIATION.test(before)) continue
      const end = m.index + m[0].length
      pushTrimmed(sentences, text, pStart + start, pStart + end, paragraph)
      start = end
    }
    pushTrimmed(sentences, text, pStart + start, pEnd, paragraph)
    paragraph++
  }
  return sentences
}

function pushTrimmed(out: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  let s = start
  let e = end
  while (s < e && /\s/.test(text[s] ?? '')) s++
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--
  if (e > s) out.push({ start: s, end: e, paragraph })
}
