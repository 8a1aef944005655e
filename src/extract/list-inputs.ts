import { stat } from 'node:fs/promises'
import { TradeEtlError } from '../errors.ts'

/** File endings the ingest command reads; anything else inside a folder is passed over. */
export const INPUT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.gz', '.zip', '.7z'] as const

/**
 * Expands command-line inputs: files as given, folders to the data files below them, globs to
 * their matches, in a stable order. A name that matches nothing is an error, not a silent no-op.
 */
export async function listInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined)
    if (info?.isFile()) {
      files.push(input)
      continue
    }
    // Loaded for folders and globs only (with picomatch): a plain file path skips both.
    const { glob } = await import('tinyglobby')
    if (info?.isDirectory()) {
      const found = await glob(INPUT_EXTENSIONS.map((e) => `**/*${e}`), { cwd: input, absolute: false, caseSensitiveMatch: false })
      files.push(...found.sort().map((f) => `${input.replace(/\/$/, '')}/${f}`))
    } else {
      const found = await glob(input, { absolute: false })
      if (found.length === 0) throw new TradeEtlError('FILE_UNREADABLE', 'no such file, folder or glob match', { file: input })
      files.push(...found.sort())
    }
  }
  return files
}
