/**
 * One error base class for the whole tool. Expected failures carry a stable `code` so that
 * callers (and the CLI's exit codes) branch on it, never on message text; `cause` is kept so a
 * wrapped driver error is still there when someone needs it.
 */
export type ErrorCode =
  | 'ABORTED'
  | 'CONFIG_INVALID'
  | 'CONFIG_MISSING'
  | 'CONNECTION_FAILED'
  | 'ENV_INVALID'
  | 'FILE_UNREADABLE'
  | 'FILE_EMPTY'
  | 'FILE_BINARY'
  | 'FILE_NOT_TRADE_DATA'
  | 'FORMAT_UNKNOWN'
  | 'HOME_UNUSABLE'
  | 'ARCHIVE_CORRUPT'
  | 'CSV_MALFORMED'
  | 'CONNECTION_LOST'
  | 'LOCK_HELD'
  | 'MIGRATION_FAILED'
  | 'ROW_COUNT_MISMATCH'
  | 'JOB_UNKNOWN'
  | 'USAGE'
  | 'HTTP_STATUS'
  | 'HTTP_NETWORK'
  | 'HTTP_TIMEOUT'
  | 'HTTP_TRUNCATED'
  | 'HTTP_ERROR_PAGE'
  | 'COMTRADE_API'
  | 'COMTRADE_CAP'
  | 'ARTICLE_TOO_LARGE'
  | 'CLAIMS_INVALID'
  | 'PUBLISHED_INVALID'
  | 'FEED_MALFORMED'
  | 'UNKNOWN_SOURCE'
  | 'BACI_REVISION_UNKNOWN'

export class TradeEtlError extends Error {
  readonly code: ErrorCode
  /** The file the problem is in, where there is one. */
  readonly file: string | undefined
  /** 1-based line in that file, where known. */
  readonly line: number | undefined

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; file?: string; line?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TradeEtlError'
    this.code = code
    this.file = options.file
    this.line = options.line
  }
}

/** Human text for any thrown value, with file and line first when the error knows them. */
export function describeError(error: unknown): string {
  if (error instanceof TradeEtlError) {
    const where = error.file === undefined ? '' : `${error.file}${error.line === undefined ? '' : `:${error.line}`}: `
    return `${where}${error.message} [${error.code}]`
  }
  return error instanceof Error ? error.message : String(error)
}
