-- One row per job, updated in place: how its last run ended and when it last succeeded.
-- status --check reads it; it never grows with the number of runs.
create table etl.job_state (
  job text primary key,
  last_run_id bigint references etl.run (run_id),
  last_status text not null check (last_status in ('running', 'ok', 'failed', 'aborted')),
  last_started_at timestamptz not null,
  last_finished_at timestamptz,
  last_ok_at timestamptz,
  last_error text
);

comment on table etl.job_state is 'One row per configured job that has run: the outcome of its last run and the time of its last success (status --check compares it with the job''s maxAge).';
comment on column etl.job_state.last_status is 'running, ok, failed, or aborted (stopped by SIGINT/SIGTERM).';
comment on column etl.job_state.last_ok_at is 'When the job last finished with every source loaded, skipped or not modified: the age of its data.';
comment on column etl.job_state.last_error is 'Why the last run failed (secrets redacted); NULL when it did not.';

-- A run stopped by a signal is neither ok nor failed.
alter table etl.run drop constraint run_status_check;
alter table etl.run add constraint run_status_check check (status in ('running', 'ok', 'failed', 'aborted'));
