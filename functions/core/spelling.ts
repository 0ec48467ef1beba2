// Answers are compared exactly as a definition spells them; an answer that differs from an
// allowed one only by case or surrounding spaces is named as such ("Yes": did you mean "yes"?),
// never silently taken for another answer. No imports: the resident's path loads this too.

const folded = (text: string): string => text.trim().toLowerCase();

/**
 * The allowed spelling that `raw` misses only by case or surrounding spaces, or null when there
 * is none (or when `raw` is itself allowed).
 */
export function nearMiss(raw: string, allowed: Iterable<string>): string | null {
  const key = folded(raw);
  if (key === '') return null;
  const values = [...allowed];
  if (values.includes(raw)) return null;
  return values.find((value) => folded(value) === key) ?? null;
}
