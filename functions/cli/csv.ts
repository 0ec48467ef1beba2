// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF, a UTF-8 BOM) that
// hands each row to a callback with its line number and never holds the whole file.
import { createReadStream } from 'node:fs';
import { InputError } from './errors.ts';

export interface CsvRow {
  fields: string[];
  /** 1-based line number where the row starts. */
  line: number;
}

/** Splits one line that contains quotes; returns null when a quoted field runs past the line end. */
function splitQuoted(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  const length = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let start = i + 1;
      for (;;) {
        const quote = text.indexOf('"', start);
        if (quote === -1) return null; // the field continues on the next line
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
      if (text.charCodeAt(i) !== 44 /* , */) throw new SyntaxError(`unexpected character after a closing quote at position ${i + 1}`);
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? length : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) throw new SyntaxError(`a quote inside an unquoted field at position ${i + 1}`);
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    }
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
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let line = 0; // physical lines consumed
  let header: string[] | null = null;
  let rows = 0;
  let pending = ''; // a quoted field spanning lines
  let pendingLine = 0;

  const handle = (raw: string) => {
    line++;
    let text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let rowLine = line;
    if (pending !== '') {
      text = `${pending}\n${text}`;
      rowLine = pendingLine;
    } else if (text === '') {
      return;
    }
    let fields: string[] | null;
    if (text.includes('"')) {
      try {
        fields = splitQuoted(text);
      } catch (error) {
        throw new InputError(file, rowLine, null, (error as Error).message);
      }
      if (fields === null) {
        pending = text;
        pendingLine = rowLine;
        return;
      }
      pending = '';
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

  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (;;) {
        const newline = text.indexOf('\n', start);
        if (newline === -1) break;
        handle(text.slice(start, newline));
        start = newline + 1;
      }
      rest = text.slice(start);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(file, null, null, 'no such file');
    if (code === 'EISDIR') throw new InputError(file, null, null, 'is a folder, not a CSV file');
    throw new InputError(file, null, null, (error as Error).message);
  } finally {
    stream.destroy();
  }
  if (rest !== '') handle(rest);
  if (pending !== '') throw new InputError(file, pendingLine, null, 'a quoted field is never closed');
  if (header === null) throw new InputError(file, 1, null, 'the file is empty (no header row)');
  return { rows };
}
