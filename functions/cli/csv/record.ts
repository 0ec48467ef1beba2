// One CSV record (RFC 4180: quoted fields, doubled quotes): split into fields and decoded as strict
// UTF-8, with errors that name the file, the line and the column. Both readers use these.
import { InputError } from '../errors.ts';

/** A failure while reading a file, as an error that names the file and says what went wrong. */
export function asInputError(file: string, error: unknown): InputError {
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
export const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
export const NEWLINE = Buffer.from('\n');

/** Decodes one record's bytes; invalid UTF-8 is an error at its line and column, never replaced. */
export function decodeRecord(file: string, bytes: Uint8Array, line: number): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new InputError(file, line, columnOfOffset(bytes, firstInvalidUtf8(bytes)), 'the text is not valid UTF-8');
  }
}

/** Splits a record with quotes; a syntax error names the file, the line and the column. */
export function splitRecord(file: string, text: string, line: number): string[] | number {
  try {
    return splitQuoted(text);
  } catch (error) {
    if (error instanceof RecordSyntaxError) throw new InputError(file, line, error.column, error.message);
    throw error;
  }
}
