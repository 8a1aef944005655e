/**
 * Numbers written as words: "six patrol ships", "two million tons", "a hundred wells",
 * "twenty-five drones". Scale words (thousand, million, ...) are not part of the word number:
 * they are read after it, like after digits, from the unit registry.
 */

const SMALL: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}

const WORD = `(?:${Object.keys(SMALL).sort((a, b) => b.length - a.length).join('|')}|hundred|dozen)`

/** A run of number words, or "a hundred" / "a dozen" / the "a" of "a million". */
export const NUMBER_WORDS = `(?:a\\s+(?:hundred|dozen)|a(?=\\s+(?:thousand|million|billion|trillion)(?![\\p{L}\\p{N}]))|${WORD}(?:(?:\\s+and\\s+|[\\s-]+)${WORD}(?![\\p{L}\\p{N}]))*)`

/** The value of a run matched by NUMBER_WORDS, or null when it does not add up. */
export function parseNumberWords(words: string): number | null {
  let current = 0
  let seen = false
  for (const w of words.toLowerCase().split(/[\s-]+/)) {
    if (w === '' || w === 'and') continue
    if (w === 'a') {
      current = 1
    } else if (w === 'hundred') {
      current = (current === 0 ? 1 : current) * 100
    } else if (w === 'dozen') {
      current = (current === 0 ? 1 : current) * 12
    } else {
      const v = SMALL[w]
      if (v === undefined) return null
      current += v
    }
    seen = true
  }
  return seen ? current : null
}
