// The fast reader of big files: rows scanned as bytes, the chosen columns' values looked up in a
// per-column cache; lines with quotes take the general path of record.ts.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { ColumnCache, type Interner } from './columnCache.ts';
import { asInputError, decodeRecord, NEWLINE, splitRecord } from './record.ts';
import { lineStartAtOrAfter } from './split.ts';

/**
 * A part of a file, by nominal byte offsets: the rows that start in [lineStart(from), lineStart(to)),
 * where lineStart(x) is the start of the first line that starts at or after x (see split.ts).
 * Consecutive parts tile the file; a part other than the first reads the header from the file's
 * start first, and its line numbers count from there (as if the rows before the part were absent).
 */
export interface FilePart {
  from: number;
  to: number;
}

/**
 * Reads a CSV file as bytes and hands each row's values for the chosen columns to a callback,
 * interned: each distinct raw value of a column is decoded and checked once, so the per-row cost
 * is a scan of the bytes and one hash lookup per chosen column. Lines with quotes take the general
 * path. Errors name the file, the line and the column, as readCsv's do.
 */
export async function scanCsv<T>(
  file: string,
  onHeader: (header: string[]) => { columns: number[]; interners: Interner<T>[] },
  onRow: (values: T[], line: number) => void,
  /** signal: stops the reading (it then rejects with an AbortError, not an InputError). */
  options: { chunkSize?: number; part?: FilePart; signal?: AbortSignal | undefined } = {},
): Promise<{ rows: number }> {
  let header: string[] | null = null;
  let fieldCount = 0;
  /** For each field position: index into `values`, or -1 when the column is not read. */
  let slot = new Int32Array(0);
  let caches: ColumnCache<T>[] = [];
  let values: T[] = [];
  let line = 0;
  let rows = 0;
  let pending: Buffer | null = null; // the start of a quoted field spanning lines
  let pendingLine = 0;
  let pendingColumn = 0;

  const fail = (atLine: number, column: number | string | null, message: string): never => {
    throw new InputError(file, atLine, column, message);
  };

  const headerFrom = (text: string) => {
    const split = text.includes('"') ? splitRecord(file, text, line) : text.split(',');
    if (typeof split === 'number')
      return fail(line, split, 'a quoted field in the header runs past the end of the line');
    const fields = split;
    header = fields;
    fieldCount = fields.length;
    const chosen = onHeader(fields);
    slot = new Int32Array(fieldCount).fill(-1);
    caches = chosen.columns.map((column, i) => {
      slot[column] = i;
      return new ColumnCache<T>(chosen.interners[i]!, (atLine, message) => fail(atLine, fields[column]!, message));
    });
    values = new Array<T>(chosen.columns.length);
  };

  /**
   * The general path: a record (one line or more) with quotes. Returns false, and notes the
   * column, when a quoted field runs on to the next line.
   */
  const quotedRow = (bytes: Uint8Array, rowLine: number): boolean => {
    const fields = splitRecord(file, decodeRecord(file, bytes, rowLine), rowLine);
    if (typeof fields === 'number') {
      pendingColumn = fields;
      return false;
    }
    if (fields.length !== fieldCount) {
      fail(
        rowLine,
        Math.min(fields.length, fieldCount) + 1,
        `this row has ${fields.length} fields, the header has ${fieldCount}`,
      );
    }
    for (let f = 0; f < fieldCount; f++) {
      const s = slot[f]!;
      if (s >= 0) values[s] = caches[s]!.internText(fields[f]!, rowLine);
    }
    rows++;
    onRow(values, rowLine);
    return true;
  };

  /** One physical line, bytes [start, end) of buffer, without its newline. */
  const handleLine = (buffer: Buffer, start: number, end: number) => {
    line++;
    // A CR before the newline ends the record, unless the line ends inside a quoted field,
    // where it is content: `pending` keeps the raw line.
    const rawEnd = end;
    if (end > start && buffer[end - 1] === 13) end--;
    if (line === 1 && buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf) start += 3;
    if (pending !== null) {
      if (quotedRow(Buffer.concat([pending, NEWLINE, buffer.subarray(start, end)]), pendingLine)) pending = null;
      else pending = Buffer.concat([pending, NEWLINE, buffer.subarray(start, rawEnd)]);
      return;
    }
    if (end === start) return; // blank line
    if (header === null) {
      headerFrom(decodeRecord(file, buffer.subarray(start, end), line));
      return;
    }
    let field = 0;
    let fieldStart = start;
    let hash = 0x811c9dc5;
    for (let i = start; i <= end; i++) {
      const byte = i === end ? 44 : buffer[i]!;
      if (byte === 44 /* , */) {
        if (field < fieldCount) {
          const s = slot[field]!;
          if (s >= 0) values[s] = caches[s]!.lookup(buffer, fieldStart, i, hash >>> 0, line);
        }
        field++;
        fieldStart = i + 1;
        hash = 0x811c9dc5;
      } else if (byte === 34 /* " */) {
        if (!quotedRow(buffer.subarray(start, end), line)) {
          pending = Buffer.from(buffer.subarray(start, rawEnd));
          pendingLine = line;
        }
        return;
      } else {
        hash = Math.imul(hash ^ byte, 0x01000193); // FNV-1a
      }
    }
    if (field !== fieldCount)
      fail(line, Math.min(field, fieldCount) + 1, `this row has ${field} fields, the header has ${fieldCount}`);
    rows++;
    onRow(values, line);
  };

  /**
   * The bulk path: every complete line of buffer from `from` on, in one pass over the bytes
   * (fields, hashes and line ends together). Returns where the incomplete last line starts.
   */
  const scanLines = (buffer: Buffer, from: number): number => {
    const length = buffer.length;
    let lineStart = from;
    let field = 0;
    let fieldStart = from;
    let hash = 0x811c9dc5 | 0;
    for (let i = from; i < length; i++) {
      const byte = buffer[i]!;
      if (byte > 44) {
        // Digits, letters and UTF-8 bytes: by far the most common case, one comparison.
        hash = Math.imul(hash ^ byte, 0x01000193); // FNV-1a
      } else if (byte === 44 /* , */) {
        if (field < fieldCount) {
          const s = slot[field]!;
          if (s >= 0) values[s] = caches[s]!.lookup(buffer, fieldStart, i, hash, line + 1);
        }
        field++;
        fieldStart = i + 1;
        hash = 0x811c9dc5 | 0;
      } else if (byte === 10 /* \n */) {
        line++;
        const end = i > lineStart && buffer[i - 1] === 13 ? i - 1 : i;
        if (end > lineStart) {
          if (field < fieldCount) {
            const s = slot[field]!;
            if (s >= 0) values[s] = caches[s]!.lookup(buffer, fieldStart, end, hash, line);
          }
          field++;
          if (field !== fieldCount)
            fail(line, Math.min(field, fieldCount) + 1, `this row has ${field} fields, the header has ${fieldCount}`);
          rows++;
          onRow(values, line);
        }
        lineStart = i + 1;
        field = 0;
        fieldStart = i + 1;
        hash = 0x811c9dc5 | 0;
      } else if (byte === 34 /* " */) {
        // A quoted field: this line (and maybe more) takes the general path.
        const newline = buffer.indexOf(10, i);
        if (newline === -1) return lineStart;
        handleLine(buffer, lineStart, newline);
        if (pending !== null) return newline + 1; // the row continues: line by line from here
        i = newline;
        lineStart = newline + 1;
        field = 0;
        fieldStart = newline + 1;
        hash = 0x811c9dc5 | 0;
      } else if (byte !== 13 || buffer[i + 1] !== 10) {
        hash = Math.imul(hash ^ byte, 0x01000193); // FNV-1a
      }
    }
    return lineStart;
  };

  /** Every complete line of buffer; returns where the unfinished rest starts. */
  const consume = (buffer: Buffer): number => {
    let start = 0;
    for (;;) {
      // The header, and rows continuing a quoted field, go line by line; the rest in bulk.
      if (header !== null && pending === null) {
        start = scanLines(buffer, start);
        if (pending === null) return start;
      }
      const newline = buffer.indexOf(10, start);
      if (newline === -1) return start;
      handleLine(buffer, start, newline);
      start = newline + 1;
    }
  };

  /** The bytes of the part: [start, end), and whether the part ends where the file does. */
  let start = 0;
  let end = Number.POSITIVE_INFINITY;
  let toEndOfFile = true;
  let rest: Buffer | null = null;
  try {
    if (options.part) {
      const handle = await open(file);
      try {
        const size = (await handle.stat()).size;
        start = await lineStartAtOrAfter(handle, options.part.from, size);
        end = options.part.to >= size ? size : await lineStartAtOrAfter(handle, options.part.to, size);
        toEndOfFile = end >= size;
        if (start > 0) {
          // The header first, from the file's start: the lines up to the first one that is not blank.
          const buffer = Buffer.alloc(Math.min(size, 1 << 16));
          let read = 0;
          let lineStart = 0;
          while (header === null) {
            const newline = buffer.indexOf(10, lineStart);
            if (newline !== -1 && newline < read) {
              handleLine(buffer, lineStart, newline);
              lineStart = newline + 1;
              continue;
            }
            if (read === buffer.length || read === size) break; // no header within the first 64 KiB
            const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
            if (bytesRead === 0) break;
            read += bytesRead;
          }
          if (header === null) fail(1, null, 'no header line near the start of the file');
          start = Math.max(start, lineStart);
          end = Math.max(end, lineStart);
        }
      } finally {
        await handle.close();
      }
    }
    if (start < end) {
      const stream = createReadStream(file, {
        highWaterMark: options.chunkSize ?? 1 << 20,
        signal: options.signal,
        start,
        end: end === Number.POSITIVE_INFINITY ? undefined : end - 1,
      });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          const buffer: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
          const done = consume(buffer);
          rest = done < buffer.length ? buffer.subarray(done) : null;
        }
      } finally {
        stream.destroy();
      }
    }
    // A last line without a newline (a part that ends inside a line is split in the wrong place).
    if (rest !== null) {
      if (!toEndOfFile) fail(line + 1, null, 'this part of the file ends inside a line');
      consume(Buffer.concat([rest, Buffer.from('\n')]));
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw asInputError(file, error);
  }
  if (pending !== null) fail(pendingLine, pendingColumn, 'a quoted field is never closed');
  if (header === null) fail(1, null, 'the file is empty (no header row)');
  return { rows };
}
