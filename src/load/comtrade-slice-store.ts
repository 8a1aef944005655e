import type { Warehouse } from './warehouse.ts'

/** A Comtrade slice: one reporter and period of a type, frequency and classification. */
export interface ComtradeSliceKey {
  readonly job: string
  readonly typeCode: string
  readonly freqCode: string
  readonly classification: string
  readonly reporterCode: string
  readonly period: string
}

export interface ComtradeSliceRelease {
  readonly datasetChecksum: string | null
  readonly lastReleased: string | null
  readonly totalRecords: number | null
}

/** The release of a slice last loaded, if any. */
export function findComtradeSlice(wh: Warehouse, key: ComtradeSliceKey) {
  return wh.db.selectFrom('etl.comtrade_slice').select(['dataset_checksum', 'last_released', 'file_sha256'])
    .where('job', '=', key.job).where('type_code', '=', key.typeCode).where('freq_code', '=', key.freqCode)
    .where('classification', '=', key.classification).where('reporter_code', '=', key.reporterCode).where('period', '=', key.period)
    .executeTakeFirst()
}

/** Records that this release of the slice is loaded (after its rows committed). */
export async function saveComtradeSlice(wh: Warehouse, key: ComtradeSliceKey, release: ComtradeSliceRelease, fileSha256: string): Promise<void> {
  await wh.db.insertInto('etl.comtrade_slice').values({
    job: key.job, type_code: key.typeCode, freq_code: key.freqCode, classification: key.classification, reporter_code: key.reporterCode,
    period: key.period, dataset_checksum: release.datasetChecksum, last_released: release.lastReleased, total_records: release.totalRecords,
    file_sha256: fileSha256, loaded_at: new Date(),
  }).onConflict((oc) => oc.columns(['job', 'type_code', 'freq_code', 'classification', 'reporter_code', 'period']).doUpdateSet((eb) => ({
    dataset_checksum: eb.ref('excluded.dataset_checksum'), last_released: eb.ref('excluded.last_released'),
    total_records: eb.ref('excluded.total_records'), file_sha256: eb.ref('excluded.file_sha256'), loaded_at: eb.ref('excluded.loaded_at'),
  }))).execute()
}
