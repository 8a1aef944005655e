export { listInputs } from './list-inputs.ts'
export { hashFile, openSources, type SourceHandle } from './open-sources.ts'
export { readRecords, sniffDelimiter, type RecordAt, type RecordError, type RecordStream } from './read-records.ts'
export { type TextEncodingName } from './decode-text.ts'
export {
  readTextFile, parseClaimsFile, parsePublishedFile, type Claim, type ClaimsFile, type PublishedFigure, type PublishedFile, type FileBytes,
} from './read-figure-files.ts'
export { HttpClient, SecretRedactor, redactUrl, parseJsonExact, readComtradeAnswer, writePlusCsv, type ComtradeAnswer, type FetchOptions, type FetchResult, type FetchRecord, type HttpClientOptions, type Expect } from './http/index.ts'
export { parseFeed, type FeedItem } from './read-feed.ts'
