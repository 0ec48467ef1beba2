// Indicator definitions in one line each (the built-in template and the benchmark data): the keys
// come in the order a definition is written and stored, so what they build is the same as a literal.
import type { IndexIndicator, MeanIndicator, ShareIndicator } from './schemas.ts';

/** An index (0–100) of items answered on a 1–10 scale; `weights`, one per item, when they are not equal. */
export function index1to10(id: string, label: string, items: string[], weights?: number[]): IndexIndicator {
  return { id, label, kind: 'index', items, ...(weights ? { weights } : {}), scale: [1, 10] };
}

/** The mean of one item answered on a 1–5 scale. */
export function mean1to5(id: string, label: string, item: string): MeanIndicator {
  return { id, label, kind: 'mean', items: [item], scale: [1, 5] };
}

/** The share that gave one of the `positive` answers to one item; `more`: the item's answers or its scale. */
export function share(
  id: string,
  label: string,
  item: string,
  positive: ShareIndicator['positive'],
  more: Pick<ShareIndicator, 'values' | 'scale'> = {},
): ShareIndicator {
  return { id, label, kind: 'share', items: [item], positive, ...more };
}
