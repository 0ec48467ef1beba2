// The demo project's goals, like Söderköping's: counts of workshops, follow-up meetings, local
// champions, business opportunities, development groups and plans, and of ideas identified and
// carried out; attitude goals on the demo's two rounds; a milestone and a qualitative goal. Two
// years of activities spread over the villages, two interim reports (the first locked) and a final
// report's draft. Written through the API, as a project would; deterministic (seeded).
import { VILLAGES } from './residents.ts';

type Call = (method: string, path: string, body?: unknown) => Promise<{ id: string }>;

/** A small deterministic random source (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of each type the two years hold, and what they are called. */
const ACTIVITIES: readonly {
  type: string;
  count: number;
  titles: readonly string[];
  participants?: [number, number];
}[] = [
  {
    type: 'workshop',
    count: 7,
    titles: ['Framtidsverkstad', 'Idéverkstad om mötesplatser', 'Workshop: service på landsbygden'],
    participants: [8, 40],
  },
  {
    type: 'follow_up_meeting',
    count: 5,
    titles: ['Uppföljningsmöte med byalaget', 'Avstämning med styrgruppen'],
    participants: [5, 15],
  },
  { type: 'local_champion', count: 11, titles: ['Lokal eldsjäl anmäld', 'Ny kontaktperson i byn'] },
  {
    type: 'business_opportunity',
    count: 6,
    titles: ['Gårdsbutik planeras', 'Ny stugby undersöks', 'Laddstation vid affären'],
  },
  { type: 'local_group', count: 5, titles: ['Lokal utvecklingsgrupp bildad'] },
  { type: 'development_plan', count: 1, titles: ['Lokal utvecklingsplan påbörjad'] },
  {
    type: 'study_visit',
    count: 3,
    titles: ['Studiebesök i grannkommunen', 'Studieresa: levande byar'],
    participants: [6, 20],
  },
];

/** A day at `fraction` of the way from 2025-01-15 to 2026-11-15, as YYYY-MM-DD. */
function dayAt(fraction: number): string {
  const start = Date.UTC(2025, 0, 15);
  const end = Date.UTC(2026, 10, 15);
  return new Date(start + Math.floor(fraction * (end - start))).toISOString().slice(0, 10);
}

export async function createDemoGoals(
  projectId: string,
  rounds: { baseline: string; followup: string },
  call: Call,
  seed: number,
): Promise<{ goalIds: string[]; reportIds: string[] }> {
  const draw = random(seed);
  for (const { type, count, titles, participants } of ACTIVITIES)
    for (let i = 0; i < count; i++) {
      const village = VILLAGES[Math.floor(draw() * VILLAGES.length)]!;
      await call('POST', `/api/projects/${projectId}/activities`, {
        type,
        // Spread over the two years: the i-th of n in the i-th n-th of them.
        date: dayAt((i + draw()) / count),
        title: `${titles[i % titles.length]} (${village.name})`,
        area: village.id,
        ...(participants
          ? { participants: participants[0] + Math.floor(draw() * (participants[1] - participants[0])) }
          : {}),
      });
    }

  const goal = async (body: Record<string, unknown>) =>
    (await call('POST', `/api/projects/${projectId}/goals`, body)).id;
  const counting = (title: string, type: string, min: number, max?: number) =>
    goal({ title, kind: 'count', target: { min, ...(max ? { max } : {}) }, measure: { source: 'activities', type } });
  const ideas = (title: string, count: string, min: number, max?: number) =>
    goal({ title, kind: 'count', target: { min, ...(max ? { max } : {}) }, measure: { source: 'ideas', count } });
  const attitude = (title: string, indicatorId: string, minChange?: number) =>
    goal({
      title,
      kind: 'indicator',
      indicator: {
        indicatorId,
        direction: 'increase',
        baselineRoundId: rounds.baseline,
        followupRoundId: rounds.followup,
        ...(minChange ? { minChange } : {}),
      },
    });
  const goalIds = [
    await counting('Mål 1: minst 6 workshops', 'workshop', 6),
    await counting('Mål 2: minst 4 uppföljningsmöten', 'follow_up_meeting', 4),
    await counting('Mål 3: identifiera minst 14 lokala eldsjälar', 'local_champion', 14),
    await ideas('Mål 4: identifiera minst 50 idéer', 'identified', 50),
    await ideas('Mål 5: genomföra 10–12 idéer', 'carried_out', 10, 12),
    await counting('Mål 6: 8 nya affärsmöjligheter', 'business_opportunity', 8),
    await counting('Mål 7: 5 lokala utvecklingsgrupper', 'local_group', 5),
    await counting('Mål 8: 2 lokala utvecklingsplaner påbörjade', 'development_plan', 2),
    await attitude('Mål 9: stärkt lokal stolthet', 'pride_village'),
    await attitude('Mål 10: förbättrad attityd till landsbygdens framtid', 'future', 3),
    await goal({ title: 'Mål 11: handlingsprogram antaget av styrgruppen', kind: 'milestone', due: '2026-06-30' }),
    await goal({ title: 'Mål 12: bättre samverkan mellan byarna', kind: 'qualitative' }),
  ];

  const facts = {
    owner: 'Söderköpings kommun, landsbygdsutveckling (påhittat)',
    budget: '2 400 000 kr',
    funders: 'Leader Östergötland, Söderköpings kommun',
    contact: 'Anna Landsbygd, 0121-000 00 (påhittad)',
  };
  const report = async (body: Record<string, unknown>) =>
    (await call('POST', `/api/projects/${projectId}/reports`, body)).id;
  const first = await report({
    title: 'Söderköpings levande landsbygd',
    kind: 'interim',
    sequence: 1,
    of: 3,
    periodStart: '2025-01-01',
    periodEnd: '2025-06-30',
    facts,
  });
  await call('PUT', `/api/reports/${first}`, {
    sections: {
      deviations: 'Inga avvikelser från projektbeslutet.',
      experiences: 'Framtidsverkstäderna lockade fler unga än väntat.',
      challenges: 'Svårt att nå fritidshusägarna i Sankt Anna.',
    },
    signature: { name: 'Anna Landsbygd', place: 'Söderköping', date: '2025-07-10' },
  });
  await call('PUT', `/api/reports/${first}/goals/${goalIds[10]}`, {
    comment: 'Arbetet med handlingsprogrammet har börjat.',
    override: { verdict: 'partly', reason: 'Utkast presenterat för styrgruppen 2025-05-20.' },
  });
  await call('POST', `/api/reports/${first}/lock`);
  const second = await report({
    title: 'Söderköpings levande landsbygd',
    kind: 'interim',
    sequence: 2,
    of: 3,
    periodStart: '2025-07-01',
    periodEnd: '2025-12-31',
  });
  await call('PUT', `/api/reports/${second}/goals/${goalIds[0]}`, {
    comment: 'Två workshops ställdes in på grund av snöoväder.',
  });
  const final = await report({
    title: 'Söderköpings levande landsbygd',
    kind: 'final',
    periodStart: '2025-01-01',
    periodEnd: '2026-12-31',
  });
  await call('PUT', `/api/reports/${final}/goals/${goalIds[11]}`, {
    comment: 'Byarna samordnar nu sina evenemang i en gemensam kalender.',
    override: { verdict: 'achieved', reason: 'Gemensam kalender och två samverkansmöten per år.' },
  });
  return { goalIds, reportIds: [first, second, final] };
}
