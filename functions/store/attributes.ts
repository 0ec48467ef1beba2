// Between plain values and DynamoDB attribute values: the few shapes the store writes.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

/**
 * node:zlib, loaded on first use: importing it lengthens a Lambda's cold start (docs/BENCH.md, "Measurements behind the code"),
 * and only aggregates need it (a submission never does).
 */
let zlibModule: typeof import('node:zlib') | undefined;
const zlib = () => (zlibModule ??= process.getBuiltinModule('node:zlib'));

export const str = (value: string): AttributeValue => ({ S: value });
export const num = (value: number): AttributeValue => ({ N: String(value) });
/** JSON as a string attribute: for small documents read whole (settings, answers). */
export const json = (value: unknown): AttributeValue => ({ S: JSON.stringify(value) });
/**
 * Gzipped JSON as a binary attribute: for aggregates, which compress four- to sixfold. Level 3,
 * not the default 6: a fold writes one per shard, and level 3 is about twice as fast for a little
 * more bytes (docs/BENCH.md, "Measurements behind the code").
 */
export const gzipJson = (value: unknown): AttributeValue => ({
  B: zlib().gzipSync(JSON.stringify(value), { level: 3 }),
});

export function readString(item: Item, name: string): string {
  const value = item[name]?.S;
  if (value === undefined) throw new Error(`stored item lacks string attribute ${name}`);
  return value;
}

export function readOptionalString(item: Item, name: string): string | undefined {
  return item[name]?.S;
}

export function readNumber(item: Item, name: string): number {
  const value = item[name]?.N;
  if (value === undefined) throw new Error(`stored item lacks number attribute ${name}`);
  return Number(value);
}

export function readJson<T>(item: Item, name: string): T {
  return JSON.parse(readString(item, name)) as T;
}

export function readGzipJson<T>(item: Item, name: string): T {
  const value = item[name]?.B;
  if (value === undefined) throw new Error(`stored item lacks binary attribute ${name}`);
  return JSON.parse(zlib().gunzipSync(value).toString('utf8')) as T;
}
