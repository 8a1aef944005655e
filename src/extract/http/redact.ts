/**
 * Secrets never leave the process in the clear: not in logs, errors, `status`, `run --json`
 * or a table. Two kinds are known by shape (a password in a URL, a query parameter named like
 * a key); the rest (the value of an Ocp-Apim-Subscription-Key header) by value, registered by
 * whoever holds them.
 */
const MASK = '***'

/** Query parameters whose value is a credential, whatever the service. */
const SECRET_PARAM = /^(subscription-key|api[-_]?key|apikey|key|token|access[-_]?token|password|passwd|secret|sig|signature)$/i

/** Header names whose value is a credential. */
export const SECRET_HEADER = /^(ocp-apim-subscription-key|authorization|proxy-authorization|x-api-key|cookie)$/i

/** A URL as it may be shown: the password and any key-like query parameter masked. */
export function redactUrl(url: string | URL): string {
  let parsed: URL
  try {
    parsed = new URL(url.toString())
  } catch {
    return redactUrlsInText(url.toString())
  }
  if (parsed.password !== '') parsed.password = MASK
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, MASK)
  }
  // URLSearchParams encodes the mask as %2A%2A%2A: keep it readable.
  return parsed.toString().replaceAll('%2A%2A%2A', MASK)
}

/** Every URL-looking span of a text, redacted (error messages from libraries quote URLs). */
function redactUrlsInText(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]*@/gi, `$1${MASK}@`)
    .replace(/([?&](?:subscription-key|api[-_]?key|apikey|key|token|access[-_]?token|password|secret|sig|signature)=)[^&\s"']*/gi, `$1${MASK}`)
}

/** A set of known secret values; `text` masks each of them and every URL secret by shape. */
export class SecretRedactor {
  readonly #values = new Set<string>()

  /** Remembers a secret value (too-short values are ignored: masking "a" would mask every a). */
  add(value: string | undefined): this {
    if (value !== undefined && value.length >= 6) {
      this.#values.add(value)
      this.#values.add(encodeURIComponent(value))
    }
    return this
  }

  /** Adds the password of a URL, if it has one. */
  addFromUrl(url: string | URL): this {
    try {
      const parsed = new URL(url.toString())
      if (parsed.password !== '') this.add(decodeURIComponent(parsed.password))
      for (const [name, value] of parsed.searchParams) if (SECRET_PARAM.test(name)) this.add(value)
    } catch {
      // not a URL: nothing to learn from it
    }
    return this
  }

  text(text: string): string {
    let out = redactUrlsInText(text)
    for (const value of this.#values) out = out.replaceAll(value, MASK)
    return out
  }
}
