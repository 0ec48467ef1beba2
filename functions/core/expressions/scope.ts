// How `{name}` finds a value in plain data, as survey-core's VariableGetterContext finds it: a
// dotted path (`{q.row}`, `{panel.q}`) is tried whole first, then ever shorter ("q.row" as a key,
// then "q" and its "row"); keys match ignoring case; `[n]` picks the nth item of a list (from the
// end when negative); `length` is a list's or a text's length.
import type { Scope } from './evaluate.ts';
import { toNumber } from './values.ts';

interface Step {
  readonly name: string;
  readonly index?: number;
}

/** ValueGetter.getPath: "a.b[1].c" -> a, b (index 1), c. */
export function pathOf(name: string): Step[] {
  return name.split('.').map((part) => {
    if (part.lastIndexOf(']') === part.length - 1) {
      const open = part.lastIndexOf('[');
      if (open > -1) {
        const index = toNumber(part.substring(open + 1, part.length - 1));
        if (!Number.isNaN(index)) return { name: part.substring(0, open), index };
      }
    }
    return { name: part };
  });
}

/** VariableGetterContext.getValueByItemCore. */
function member(value: unknown, name: string): unknown {
  if (!value || !name) return undefined;
  if (name === 'length' && (Array.isArray(value) || typeof value === 'string')) return value.length;
  if (typeof value !== 'object') return undefined;
  const lower = name.toLowerCase();
  const a = lower[0];
  const upper = name[0]!.toLocaleUpperCase();
  for (const key in value) {
    const first = key[0];
    if ((first === a || first === upper) && key.toLowerCase() === lower) return (value as Record<string, unknown>)[key];
  }
  return undefined;
}

/** ValueGetterContextCore.getValue over a plain value (isSearchNameRevert: longest names first). */
export function findIn(values: unknown, name: string): { value: unknown } | undefined {
  const path = pathOf(name);
  let current: unknown = values;
  let at = 0;
  while (at < path.length) {
    let end = at;
    while (end < path.length && path[end]!.index === undefined) end++;
    if (end >= path.length) end = path.length - 1;
    let found = false;
    for (let last = end; last >= at && !found; last--) {
      const key = path
        .slice(at, last + 1)
        .map((step) => step.name)
        .join('.');
      const value = member(current, key);
      if (value !== undefined) {
        current = value;
        found = true;
        at = last;
      }
    }
    if (!found) return undefined;
    const step = path[at]!;
    at++;
    if (step.index !== undefined) {
      if (!Array.isArray(current)) return undefined;
      const index = step.index < 0 ? current.length + step.index : step.index;
      if (index < 0 || index >= current.length) return undefined;
      current = current[index];
    }
  }
  return { value: current };
}

/** A scope over plain data (answers, a panel's answers), falling back to an outer scope. */
export function valuesScope(values: unknown, outer?: Scope): Scope {
  return {
    find: (name) => findIn(values, name) ?? outer?.find(name),
    ...(outer ? { root: outer.root ?? outer } : {}),
  };
}
