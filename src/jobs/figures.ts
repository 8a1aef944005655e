import type { Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'

export interface ArticleSummary {
  readonly path: string
  readonly figures: number
  readonly skipped: boolean
}

export interface PublishedSummary {
  readonly path: string
  readonly figures: number
  readonly skipped: boolean
}

export async function loadArticleFiles(_wh: Warehouse, _files: readonly { path: string }[], _log: Logger): Promise<ArticleSummary[]> {
  throw new Error('article jobs are not built yet')
}

export async function loadPublishedFiles(_wh: Warehouse, _files: readonly string[], _log: Logger): Promise<PublishedSummary[]> {
  throw new Error('published-figure jobs are not built yet')
}
