-- A scheduler claims a cron tick here before running it: with several schedulers on one
-- server, insert ... on conflict do nothing lets exactly one of them run each tick.
create table etl.cron_tick (
  job text not null,
  tick_at timestamptz not null,
  claimed_at timestamptz not null default now(),
  primary key (job, tick_at)
);
