// METHOD.md's verdict ("How the pages word a change"), written again from its text for the tests,
// on the figures of a reference case's expected.json: the implementation must agree with it.
interface Definition {
  id: string;
  kind: 'index' | 'mean' | 'share';
  scale?: [number, number];
  meaningfulChange?: number;
}
interface Figures {
  pValue: number | null;
  pHolm: number | null;
  diffCiLow: number | null;
  diffCiHigh: number | null;
}

export function expectedVerdicts(
  expected: { indicators: Record<string, Figures> },
  definitions: readonly Definition[],
  alpha: number,
): Record<string, string> {
  const verdicts: Record<string, string> = {};
  for (const def of definitions) {
    const figures = expected.indicators[def.id]!;
    const delta =
      def.meaningfulChange ??
      (def.kind === 'index' ? 5 : def.kind === 'share' ? 0.05 : (def.scale![1] - def.scale![0]) / 20);
    let verdict: string;
    if (figures.pValue === null) verdict = 'not_assessable';
    else if (figures.pHolm! < alpha) verdict = 'confirmed';
    else if (figures.pValue < alpha) verdict = 'possible';
    else if (figures.diffCiLow! > -delta && figures.diffCiHigh! < delta) verdict = 'no_change';
    else verdict = 'inconclusive';
    verdicts[def.id] = verdict;
  }
  return verdicts;
}

/** The comparison's verdicts, and the comparison without them (the shape of expected.json). */
export function splitVerdicts<T extends { indicators: Record<string, { verdict?: string }> }>(
  comparison: T,
): { verdicts: Record<string, string | undefined>; rest: T } {
  const rest = structuredClone(comparison);
  const verdicts: Record<string, string | undefined> = {};
  for (const [id, indicator] of Object.entries(rest.indicators)) {
    verdicts[id] = indicator.verdict;
    delete indicator.verdict;
  }
  return { verdicts, rest };
}
