// A model of plausible residents for generated data (the demo project, benchmarks): five villages
// near Söderköping, each with its own level of satisfaction, and answers to the built-in
// template that drift with it. Seeded, so the same seed gives the same residents everywhere.
import { AGE_BANDS, GENDERS } from '../core/template.ts';

export const VILLAGES = [
  { id: 'gardeby', name: 'Gårdeby', population: 420, level: 6.4 },
  { id: 'bottna', name: 'Bottna', population: 310, level: 7.2 },
  { id: 'mogata', name: 'Mogata', population: 260, level: 5.9 },
  { id: 'ostra-ryd', name: 'Östra Ryd', population: 380, level: 6.8 },
  { id: 'sankt-anna', name: 'Sankt Anna', population: 190, level: 7.6 },
] as const;
export type Village = (typeof VILLAGES)[number];

const PROUD = [
  'Gemenskapen och naturen.',
  'Bygdegården och alla som ställer upp ideellt.',
  'Skolan, affären och att folk hälsar på varandra.',
  'Sjön.',
];
const IDEAS = [
  'Fler bussturer på kvällarna, och en laddstolpe vid affären.',
  'Ett gemensamt kontor för distansarbete i gamla skolan.',
  'Cykelväg till tätorten.',
];

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(value)));
}

/**
 * Residents drawn in proportion to the villages' populations; `lift` raises every level (a
 * follow-up after a good project). With `freeText`, some also answer the two open questions.
 */
export function residentSource(
  seed: number,
  options: { freeText?: boolean } = {},
): { next(lift: number): Record<string, unknown> } {
  const random = seeded(seed);
  const total = VILLAGES.reduce((sum, v) => sum + v.population, 0);
  const pickVillage = (): Village => {
    let r = random() * total;
    for (const village of VILLAGES) {
      r -= village.population;
      if (r <= 0) return village;
    }
    return VILLAGES[0];
  };
  return {
    next(lift) {
      const village = pickVillage();
      const person = village.level + lift + normal(random) * 1.4;
      const item = (spread: number) => clamp(person + normal(random) * spread, 1, 10);
      const agree = (shift: number) => clamp((person - 1) / 2.25 + 1 + shift + normal(random) * 0.8, 1, 5);
      const maybe = <T>(value: T, dk = 0.04, skip = 0.03): T | 'dk' | undefined => {
        const r = random();
        return r < dk ? 'dk' : r < dk + skip ? undefined : value;
      };
      const answers: Record<string, unknown> = {
        q_nki_overall: maybe(item(0.8)),
        q_nki_expect: maybe(item(1.1)),
        q_nki_ideal: maybe(item(1.2)),
        q_pride_village: maybe(agree(0.3)),
        q_pride_municipality: maybe(agree(-0.4)),
        q_future: maybe(item(1.5), 0.08),
        q_business: maybe(agree(-0.6), 0.15),
        q_aware_project: random() < 0.03 ? undefined : random() < 0.35 + lift * 0.25 ? 'yes' : 'no',
        q_engage: maybe(agree(-0.2), 0.06),
        ...(options.freeText
          ? {
              q_proud_of: random() < 0.2 ? PROUD[Math.floor(random() * PROUD.length)] : undefined,
              q_idea: random() < 0.1 ? IDEAS[Math.floor(random() * IDEAS.length)] : undefined,
            }
          : {}),
        area: random() < 0.02 ? undefined : village.id,
        age_band: random() < 0.05 ? 'none' : AGE_BANDS[Math.floor(random() * AGE_BANDS.length)],
        gender: random() < 0.05 ? 'none' : GENDERS[Math.floor(random() * 2)]!.value,
      };
      for (const [key, value] of Object.entries(answers)) if (value === undefined) delete answers[key];
      return answers;
    },
  };
}
