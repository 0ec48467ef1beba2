// What the weighting did to a round, in words (../shared/docs/METHOD.md, "Publishing weighted
// figures when strata are small"). No DOM here, so that Node tests can check the wording.
import type { WeightedRound } from './data.ts';
import type { Texts } from './i18n.ts';

export type Stratum = NonNullable<WeightedRound['strataEmpty']>[number];

/**
 * What the weighting says of a round: merged strata in plain words, the strata without or with one
 * response, the responses left out; "withheld" where a true count would give a small group away
 * (null in the API), never a made-up 0. `m`: the size under which strata are merged.
 */
export function weightingNotes(r: WeightedRound, t: Texts, m: number, name: (s: Stratum) => string): string[] {
  const list = (strata: Stratum[]) => strata.map(name).join(', ');
  const notes: string[] = [];
  for (const cell of r.strataCollapsed ?? []) notes.push(t.strataCollapsed(cell.map(name), m));
  if (r.excluded !== null && r.excluded > 0) notes.push(t.excluded(r.excluded));
  if (r.strataEmpty !== null && r.strataEmpty.length > 0) notes.push(t.strataEmpty(list(r.strataEmpty)));
  if (r.strataSingle !== null && r.strataSingle.length > 0) notes.push(t.strataSingle(list(r.strataSingle)));
  const withheld = [
    r.excluded === null ? t.withheldExcluded : null,
    r.strataEmpty === null ? t.withheldEmpty : null,
    r.strataSingle === null ? t.withheldSingle : null,
  ].filter((x): x is string => x !== null);
  if (withheld.length > 0) notes.push(t.weightedWithheld(withheld));
  return notes;
}
