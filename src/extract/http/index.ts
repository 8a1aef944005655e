export { HttpClient, type HttpClientOptions, type FetchOptions, type FetchResult, type FetchRecord, type Expect } from './http-client.ts'
export { SecretRedactor, redactUrl } from './redact.ts'
export { DEFAULT_RETRY, backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy.ts'
export { parseJsonExact, readComtradeAnswer, writePlusCsv, type ComtradeAnswer } from './comtrade-json.ts'
