// CSV files, read row by row: readCsv for any file, scanCsv for the big response files.
export type { Interner } from './columnCache.ts';
export { firstInvalidUtf8 } from './record.ts';
export { readCsv, type CsvRow } from './readCsv.ts';
export { scanCsv } from './scanCsv.ts';
