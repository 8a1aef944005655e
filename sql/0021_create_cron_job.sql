-- Cron bookkeeping as graphile-worker's known_crontabs keeps it: one row per scheduled job with
-- the last tick claimed, advanced by one statement (insert ... on conflict do update ... where
-- the stored tick is older). With several schedulers on one server exactly one claims each
-- tick; the table never grows with the number of ticks (etl.cron_tick, a row per tick, goes).
create table etl.cron_job (
  job text primary key,
  last_tick_at timestamptz not null,
  claimed_at timestamptz not null default now(),
  known_since timestamptz not null default now()
);

comment on table etl.cron_job is 'One row per scheduled job: the last cron tick a scheduler claimed for it (and so ran). A scheduler runs a tick only if it moves last_tick_at forward, so a tick runs once across schedulers, and a tick missed while none ran is caught up once at start.';
comment on column etl.cron_job.last_tick_at is 'The scheduled time of the last tick claimed (to the second), caught-up ticks included.';
comment on column etl.cron_job.claimed_at is 'When that tick was claimed (the scheduler''s clock).';
comment on column etl.cron_job.known_since is 'When a scheduler first claimed a tick of this job.';

insert into etl.cron_job (job, last_tick_at, claimed_at)
select job, max(tick_at), max(claimed_at) from etl.cron_tick group by job;

drop table etl.cron_tick;
