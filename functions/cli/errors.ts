// Errors in a user's input files: always name the file, and the line and column when known.

export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly file: string,
    readonly line: number | null,
    /** 1-based column number, or a column name. */
    readonly column: number | string | null,
    readonly detail: string,
  ) {
    super(formatLocation(file, line, column) + detail);
  }
}

function formatLocation(file: string, line: number | null, column: number | string | null): string {
  let where = file;
  if (line !== null) where += `, line ${line}`;
  if (column !== null) where += typeof column === 'number' ? `, column ${column}` : `, column "${column}"`;
  return `${where}: `;
}

/** Line and column (1-based) of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
