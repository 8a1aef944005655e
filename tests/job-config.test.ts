import { describe, expect, it } from 'vitest'
import { expandPeriods, parseDuration } from '../src/config/index.ts'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'

describe('job configuration', () => {
  it('reads urls and maxAge beside files; paths are taken from the file folder', () => {
    const c = resolveJobConfig({ jobs: [{ name: 'a', kind: 'ingest', urls: ['https://example.org/x.zip'], maxAge: '8d' }, { name: 'b', kind: 'ingest', files: ['f.csv'] }] }, '/etc/trade/c.json')
    expect(c.jobs[0]).toMatchObject({ kind: 'ingest', urls: ['https://example.org/x.zip'], files: [], maxAge: '8d' })
    expect(c.jobs[1]).toMatchObject({ files: ['/etc/trade/f.csv'], urls: [] })
    expect(c.downloads).toEqual({ connectTimeout: '30s', idleTimeout: '60s', attempts: 5, maxRetryTime: '10m' })
  })

  it('an unknown key is an error naming it and the closest valid key, at every depth', () => {
    const raw = {
      jobs: [{ name: 'a', kind: 'ingest', urls: ['https://example.org/x.csv'], maxAg: '8d' },
        { name: 'b', kind: 'articles', files: [{ path: 'a.txt', titel: 'x' }] }],
      downlods: {},
    }
    expect(() => resolveJobConfig(raw, 'c.json')).toThrow(/jobs\.0: unknown key "maxAg" \(did you mean "maxAge"\?\)/)
    expect(() => resolveJobConfig(raw, 'c.json')).toThrow(/jobs\.1\.files\.0: unknown key "titel" \(did you mean "title"\?\)/)
    expect(() => resolveJobConfig(raw, 'c.json')).toThrow(/\(top level\): unknown key "downlods" \(did you mean "downloads"\?\)/)
  })

  it('refuses an ingest job with neither files nor urls, a URL that is not http(s), and a bad duration', () => {
    expect(() => resolveJobConfig({ jobs: [{ name: 'a', kind: 'ingest' }] }, 'c.json')).toThrow(/needs files or urls/)
    expect(() => resolveJobConfig({ jobs: [{ name: 'a', kind: 'ingest', urls: ['ftp://x/y.csv'] }] }, 'c.json')).toThrow(/jobs\.0\.urls\.0: an http/)
    expect(() => resolveJobConfig({ jobs: [{ name: 'a', kind: 'ingest', files: ['x'], maxAge: '8 days' }] }, 'c.json')).toThrow(/maxAge/)
  })

  it('durations', () => {
    expect(parseDuration('36h')).toBe(36 * 3_600_000)
    expect(parseDuration('8d')).toBe(8 * 86_400_000)
    expect(parseDuration('90s')).toBe(90_000)
    expect(() => parseDuration('soon')).toThrow(/not a duration/)
  })

  it('comtrade jobs: codes normalised, defaults, periods expanded and checked against freq', () => {
    const c = resolveJobConfig({ jobs: [{ name: 'aze-isr', kind: 'comtrade', reporters: ['031'], partners: [376], commodities: ['2709'], flows: ['X'], periods: ['2019-2023'] }] }, 'c.json')
    expect(c.jobs[0]).toMatchObject({ type: 'C', freq: 'A', classification: 'HS', reporters: ['31'], partners: ['376'], maxRecords: 250_000 })
    expect(expandPeriods(['2019-2021', '2021'])).toEqual(['2019', '2020', '2021'])
    expect(expandPeriods(['202211-202302'])).toEqual(['202211', '202212', '202301', '202302'])
    expect(() => resolveJobConfig({ jobs: [{ name: 'm', kind: 'comtrade', freq: 'M', reporters: ['31'], periods: ['2022'] }] }, 'c.json')).toThrow(/YYYYMM for freq M/)
    expect(() => resolveJobConfig({ jobs: [{ name: 'm', kind: 'comtrade', reporters: ['31'], periods: ['2022'], reporter: ['1'] }] }, 'c.json')).toThrow(/unknown key "reporter" \(did you mean "reporters"\?\)/)
  })
})
