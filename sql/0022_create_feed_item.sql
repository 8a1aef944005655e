-- The items an articles job has read from its RSS/Atom feeds: each item's page is fetched once.
-- An item is known by its guid (RSS) or id (Atom), else its link; a page that failed to fetch
-- or load is not recorded, so the next run tries it again.
create table etl.feed_item (
  feed_url text not null,
  item_key text not null,
  link text not null,
  title text,
  published text,
  article_sha256 text not null,
  job text not null,
  run_id bigint references etl.run (run_id),
  loaded_at timestamptz not null default now(),
  primary key (feed_url, item_key)
);

comment on table etl.feed_item is 'Items of RSS/Atom feeds whose pages an articles job has loaded (core.article): a later run fetches only items not here.';
comment on column etl.feed_item.feed_url is 'The feed as configured, secrets redacted.';
comment on column etl.feed_item.item_key is 'The item''s guid (RSS) or id (Atom), else its link: what makes it the same item in the next copy of the feed.';
comment on column etl.feed_item.link is 'The page the item points to (absolute URL, redacted), as fetched.';
comment on column etl.feed_item.title is 'The item''s title in the feed.';
comment on column etl.feed_item.published is 'The item''s pubDate (RSS) or published/updated (Atom), as written.';
comment on column etl.feed_item.article_sha256 is 'sha256 of the page as loaded (core.article.sha256).';
comment on column etl.feed_item.job is 'The articles job that read the feed.';
comment on column etl.feed_item.loaded_at is 'When the item''s page was loaded.';
