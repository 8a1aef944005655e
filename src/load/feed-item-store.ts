import type { Warehouse } from './warehouse.ts'

/** A feed item whose page is loaded, as etl.feed_item keeps it. */
export interface FeedItemRow {
  readonly feedUrl: string
  readonly itemKey: string
  readonly link: string
  readonly title: string | null
  readonly published: string | null
  readonly articleSha256: string
  readonly job: string
  readonly runId: number | null
}

/** The keys of a feed's items already loaded. */
export async function listSeenFeedItems(wh: Warehouse, feedUrl: string): Promise<Set<string>> {
  const rows = await wh.db.selectFrom('etl.feed_item').select('item_key').where('feed_url', '=', feedUrl).execute()
  return new Set(rows.map((r) => r.item_key))
}

/** Records that an item's page is loaded (once: a second record of the same item changes nothing). */
export async function saveFeedItem(wh: Warehouse, row: FeedItemRow): Promise<void> {
  await wh.db.insertInto('etl.feed_item').values({
    feed_url: row.feedUrl, item_key: row.itemKey, link: row.link, title: row.title, published: row.published,
    article_sha256: row.articleSha256, job: row.job, run_id: row.runId,
  }).onConflict((oc) => oc.columns(['feed_url', 'item_key']).doNothing()).execute()
}
