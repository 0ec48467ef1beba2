// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF, a UTF-8 BOM) that
// hands each row to a callback with its line number and never holds the whole file.
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.ts';
import { asInputError, decodeRecord, NEWLINE, splitRecord } from './record.ts';

export interface CsvRow {
  fields: string[];
  /** 1-based line number where the row starts. */
  line: number;
}

/**
 * Reads a CSV file row by row. The first row is the header. Blank lines are skipped; a file with
 * no header is an error; a row whose field count differs from the header's is an error naming
 * the line and the column where it goes wrong.
 */
export async function readCsv(
  file: string,
  onHeader: (header: string[]) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<{ rows: number }> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let line = 0; // physical lines consumed
  let header: string[] | null = null;
  let rows = 0;
  let pending: Buffer | null = null; // a record whose quoted field spans lines, as raw bytes
  let pendingLine = 0;
  let pendingColumn = 0;

  /** One physical line, without its newline. */
  const handle = (raw: Buffer) => {
    line++;
    // A CR before the newline ends the record, unless the line ends inside a quoted field.
    let bytes = raw.length > 0 && raw[raw.length - 1] === 13 ? raw.subarray(0, -1) : raw;
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    let rowLine = line;
    let rawBytes = raw;
    if (pending !== null) {
      bytes = Buffer.concat([pending, NEWLINE, bytes]);
      rawBytes = Buffer.concat([pending, NEWLINE, raw]);
      rowLine = pendingLine;
    } else if (bytes.length === 0) {
      return;
    }
    const text = decodeRecord(file, bytes, rowLine);
    let fields: string[];
    if (text.includes('"')) {
      const split = splitRecord(file, text, rowLine);
      if (typeof split === 'number') {
        // Column names are one line each (as scanCsv reads them).
        if (header === null)
          throw new InputError(file, rowLine, split, 'a quoted field in the header runs past the end of the line');
        pendingColumn = split;
        pending = rawBytes;
        pendingLine = rowLine;
        return;
      }
      pending = null;
      fields = split;
    } else {
      fields = text.split(',');
    }
    if (header === null) {
      header = fields;
      onHeader(fields);
      return;
    }
    if (fields.length !== header.length) {
      const column = Math.min(fields.length, header.length) + 1;
      throw new InputError(
        file,
        rowLine,
        column,
        `this row has ${fields.length} fields, the header has ${header.length}`,
      );
    }
    rows++;
    onRow(fields, rowLine);
  };

  let rest: Buffer | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buffer: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
      let start = 0;
      for (;;) {
        const newline = buffer.indexOf(10, start);
        if (newline === -1) break;
        handle(buffer.subarray(start, newline));
        start = newline + 1;
      }
      rest = start < buffer.length ? buffer.subarray(start) : null;
    }
  } catch (error) {
    throw asInputError(file, error);
  } finally {
    stream.destroy();
  }
  if (rest !== null) handle(rest);
  if (pending !== null) throw new InputError(file, pendingLine, pendingColumn, 'a quoted field is never closed');
  if (header === null) throw new InputError(file, 1, null, 'the file is empty (no header row)');
  return { rows };
}
