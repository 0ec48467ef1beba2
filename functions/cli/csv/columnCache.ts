// The per-column cache of scanCsv: each distinct raw value of a column decoded and checked once.
import { strictUtf8 } from './record.ts';

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
export class ColumnCache<T> {
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
