// Compares a result with a reference the way the reference cases define a match: the same keys,
// counts equal, floats within 1e-9 relative (1e-12 absolute near zero). Returns the mismatches.
export function mismatches(actual: unknown, expected: unknown, at = '$'): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return [`${at}: expected ${expected}, got ${JSON.stringify(actual)}`];
    if (Number.isInteger(expected) && Number.isInteger(actual) && !at.endsWith('mean')) {
      return actual === expected ? [] : [`${at}: expected ${expected}, got ${actual}`];
    }
    const close = Math.abs(actual - expected) <= Math.max(1e-9 * Math.abs(expected), 1e-12);
    return close
      ? []
      : [
          `${at}: expected ${expected}, got ${actual} (relative ${(Math.abs(actual - expected) / Math.abs(expected)).toExponential(2)})`,
        ];
  }
  if (expected === null || typeof expected !== 'object') {
    return actual === expected ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} entries, got ${actual.length}`];
    return expected.flatMap((entry, i) => mismatches(actual[i], entry, `${at}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
    return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const missing = Object.keys(e)
    .filter((key) => !(key in a))
    .map((key) => `${at}.${key}: missing`);
  const extra = Object.keys(a)
    .filter((key) => !(key in e))
    .map((key) => `${at}.${key}: not in the reference`);
  return [
    ...missing,
    ...extra,
    ...Object.keys(e)
      .filter((key) => key in a)
      .flatMap((key) => mismatches(a[key], e[key], `${at}.${key}`)),
  ];
}
