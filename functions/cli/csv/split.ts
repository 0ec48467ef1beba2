// Where a big CSV file may be cut into parts that threads read side by side: at line starts.
import type { FileHandle } from 'node:fs/promises';

/**
 * The start of the first line that starts at or after `offset` (0 for 0; the file's size when no
 * line starts there). A line start is not always a record start: a quoted field may span lines.
 * The reader of the part before finds out (it ends inside a quoted field, an error), so a wrong
 * cut is never silent: the caller then reads the file in one piece.
 */
export async function lineStartAtOrAfter(handle: FileHandle, offset: number, size: number): Promise<number> {
  if (offset <= 0) return 0;
  const buffer = Buffer.alloc(1 << 16);
  // From the byte before the offset: when that byte is a newline, a line starts at the offset.
  for (let position = offset - 1; position < size; position += buffer.length) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return position + newline + 1;
  }
  return size;
}

/**
 * Nominal cut points that make `parts` parts of about equal size of a file of `size` bytes: parts
 * i covers [cuts[i], cuts[i + 1]) (see FilePart in scanCsv.ts).
 */
export function cutPoints(size: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => (i === parts ? size : Math.floor((size * i) / parts)));
}
