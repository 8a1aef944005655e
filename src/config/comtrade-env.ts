/** Where the Comtrade Plus API is and the key to call it with, from the environment. */
export interface ComtradeEnv {
  /** Base URL: TRADE_ETL_COMTRADE_URL, default the public API. Tests and mirrors point it elsewhere. */
  readonly baseUrl: string
  /** COMTRADE_API_KEY, sent as Ocp-Apim-Subscription-Key; never shown. */
  readonly apiKey: string | undefined
}

export const COMTRADE_PUBLIC_URL = 'https://comtradeapi.un.org'

export function readComtradeEnv(source: NodeJS.ProcessEnv = process.env): ComtradeEnv {
  return {
    baseUrl: (source.TRADE_ETL_COMTRADE_URL || COMTRADE_PUBLIC_URL).replace(/\/+$/, ''),
    apiKey: source.COMTRADE_API_KEY || undefined,
  }
}
