import type { Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'

export async function commandFigures(_args: string[], _log: Logger, _parse: unknown, _with: unknown): Promise<number> {
  throw new Error('figures: not built yet')
}
export async function commandCheck(_args: string[], _log: Logger, _parse: unknown, _with: unknown): Promise<number> {
  throw new Error('check: not built yet')
}
export async function printChecks(_wh: Warehouse): Promise<void> {}
