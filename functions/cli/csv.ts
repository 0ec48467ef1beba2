// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF, a UTF-8 BOM) that
// hands each row to a callback with its line number and never holds the whole file.
import { createReadStream } from 'node:fs';
import { InputError } from './errors.ts';

export interface CsvRow {
  fields: string[];
  /** 1-based line number where the row starts. */
  line: number;
}

/** A failure while reading a file, as an error that names the file and says what went wrong. */
function asInputError(file: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(file, null, null, 'no such file');
  if (code === 'EISDIR') return new InputError(file, null, null, 'is a folder, not a CSV file');
  return new InputError(file, null, null, (error as Error).message);
}

/** A syntax error inside one record, at a 1-based column. */
class RecordSyntaxError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Splits one record that contains quotes. Returns the 1-based column of a quoted field that runs
 * past the end of the text (the record continues on the next line) instead of fields.
 */
function splitQuoted(text: string): string[] | number {
  const fields: string[] = [];
  let i = 0;
  const length = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let start = i + 1;
      for (;;) {
        const quote = text.indexOf('"', start);
        if (quote === -1) return fields.length + 1; // the field continues on the next line
        if (text.charCodeAt(quote + 1) === 34) {
          value += text.slice(start, quote + 1);
          start = quote + 2;
          continue;
        }
        value += text.slice(start, quote);
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === length) return fields;
      if (text.charCodeAt(i) !== 44 /* , */)
        throw new RecordSyntaxError(
          fields.length,
          'a character after the closing quote of a field (a quote inside a field is written "")',
        );
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? length : comma;
      const value = text.slice(i, end);
      if (value.includes('"'))
        throw new RecordSyntaxError(
          fields.length + 1,
          'a quote inside a field that does not start with one (quote the whole field, and write a quote in it as "")',
        );
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

/** Offset of the first byte that is not part of valid UTF-8 (as TextDecoder's fatal mode sees it). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** The 1-based column of a byte offset in a record: commas outside quotes before it, plus one. */
function columnOfOffset(bytes: Uint8Array, offset: number): number {
  let column = 1;
  let quoted = false;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 34) quoted = !quoted;
    else if (bytes[i] === 44 && !quoted) column++;
  }
  return column;
}

/**
 * Fatal: bytes that are not UTF-8 are an error, never U+FFFD. ignoreBOM: a U+FEFF at the start of
 * a value is kept (by default TextDecoder drops it); the file's own BOM is removed by the readers.
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NEWLINE = Buffer.from('\n');

/** Decodes one record's bytes; invalid UTF-8 is an error at its line and column, never replaced. */
function decodeRecord(file: string, bytes: Uint8Array, line: number): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new InputError(file, line, columnOfOffset(bytes, firstInvalidUtf8(bytes)), 'the text is not valid UTF-8');
  }
}

/** Splits a record with quotes; a syntax error names the file, the line and the column. */
function splitRecord(file: string, text: string, line: number): string[] | number {
  try {
    return splitQuoted(text);
  } catch (error) {
    if (error instanceof RecordSyntaxError) throw new InputError(file, line, error.column, error.message);
    throw error;
  }
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

/**
 * Turns one column's distinct raw values into values of T, once per distinct value: the hot path
 * of big files, where every column holds few distinct values (scale answers, village names).
 */
export type Interner<T> = (text: string, line: number) => T;

interface InternEntry<T> {
  bytes: Uint8Array;
  value: T;
}

/**
 * Per column: field bytes -> value. An open-addressing table keyed by a hash of the bytes, each
 * hit verified byte by byte, so that two values can never be mixed up.
 */
class ColumnCache<T> {
  private mask = 255;
  private hashes = new Int32Array(256);
  /** entry index + 1 per table slot; 0 = empty. */
  private slots = new Int32Array(256);
  private readonly entries: InternEntry<T>[] = [];
  /** Values whose hash collided with another value's: keyed by text. */
  private readonly byText = new Map<string, T>();

  constructor(
    private readonly intern: Interner<T>,
    private readonly onBadText: (line: number, message: string) => never,
  ) {}

  lookup(buffer: Uint8Array, start: number, end: number, hash: number, line: number): T {
    let slot = hash & this.mask;
    for (;;) {
      const index = this.slots[slot]!;
      if (index === 0) break;
      if (this.hashes[slot] === hash) {
        const entry = this.entries[index - 1]!;
        const bytes = entry.bytes;
        if (bytes.length === end - start) {
          let same = true;
          for (let i = 0; i < bytes.length; i++) {
            if (bytes[i] !== buffer[start + i]) {
              same = false;
              break;
            }
          }
          if (same) return entry.value;
        }
        return this.lookupText(buffer, start, end, line); // a true collision: rare, slower, still exact
      }
      slot = (slot + 1) & this.mask;
    }
    const value = this.internText(this.decode(buffer, start, end, line), line);
    this.entries.push({ bytes: buffer.slice(start, end), value });
    this.hashes[slot] = hash;
    this.slots[slot] = this.entries.length;
    if (this.entries.length * 2 > this.mask) this.grow();
    return value;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldSlots = this.slots;
    this.mask = this.mask * 2 + 1;
    this.hashes = new Int32Array(this.mask + 1);
    this.slots = new Int32Array(this.mask + 1);
    for (let i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] === 0) continue;
      let slot = oldHashes[i]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = oldHashes[i]!;
      this.slots[slot] = oldSlots[i]!;
    }
  }

  lookupText(buffer: Uint8Array, start: number, end: number, line: number): T {
    return this.internText(this.decode(buffer, start, end, line), line);
  }

  internText(text: string, line: number): T {
    if (this.byText.has(text)) return this.byText.get(text)!;
    const value = this.intern(text, line);
    this.byText.set(text, value);
    return value;
  }

  private decode(buffer: Uint8Array, start: number, end: number, line: number): string {
    try {
      return strictUtf8.decode(buffer.subarray(start, end));
    } catch {
      return this.onBadText(line, 'the value is not valid UTF-8');
    }
  }
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
  options: { chunkSize?: number } = {},
): Promise<{ rows: number }> {
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20 });
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

  let rest: Buffer | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buffer: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
      const start = consume(buffer);
      rest = start < buffer.length ? buffer.subarray(start) : null;
    }
    // A last line without a newline.
    if (rest !== null) consume(Buffer.concat([rest, Buffer.from('\n')]));
  } catch (error) {
    throw asInputError(file, error);
  } finally {
    stream.destroy();
  }
  if (pending !== null) fail(pendingLine, pendingColumn, 'a quoted field is never closed');
  if (header === null) fail(1, null, 'the file is empty (no header row)');
  return { rows };
}
