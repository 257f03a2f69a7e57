/**
 * `node --import tsx bench/hostileImportRun.ts` (in test/, after `pnpm build`): only the hostile
 * ledger section of the benchmark, printed as a table; the full `pnpm bench` includes it too.
 */
import { hostileImportFigures, hostileImportTable } from './hostileImport.ts'

const figures = await hostileImportFigures((line) => console.error(line))
console.log(hostileImportTable(figures).join('\n'))
process.exit(0)
