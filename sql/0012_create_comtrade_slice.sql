-- The Comtrade releases a job has loaded, one row per dataset slice (reporter and period of a
-- type, frequency and classification): the availability endpoint's checksum and release date
-- at the time, so the next run downloads only slices that changed.
create table etl.comtrade_slice (
  job text not null,
  type_code text not null,
  freq_code text not null,
  classification text not null,
  reporter_code text not null,
  period text not null,
  dataset_checksum text,
  last_released text,
  total_records bigint,
  file_sha256 text not null,
  loaded_at timestamptz not null default now(),
  primary key (job, type_code, freq_code, classification, reporter_code, period)
);

comment on table etl.comtrade_slice is 'Comtrade Plus API slices (reporter x period) a comtrade job has loaded, with the availability answer''s datasetChecksum and lastReleased then: an unchanged slice is not downloaded again.';
comment on column etl.comtrade_slice.dataset_checksum is 'datasetChecksum from the availability endpoint (getDa) when the slice was loaded.';
comment on column etl.comtrade_slice.last_released is 'lastReleased from the availability endpoint when the slice was loaded.';
comment on column etl.comtrade_slice.file_sha256 is 'sha256 of the data answer as loaded (etl.source_file.sha256).';
