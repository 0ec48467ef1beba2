// "Så läser du siffrorna": a short box in plain words, on the dashboard and at the start of the
// report, on what the interval, "säkerställd", a suppressed group and a weighted figure mean
// (../shared/docs/METHOD.md, "How the pages word a change" and "Protecting small groups").
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';

interface GuideTexts {
  title: string;
  interval: [string, string];
  verdict: [string, string];
  suppressed: (k: number) => [string, string];
  weighted: [string, string];
  /** Said of the weighted figure where two rounds are compared. */
  weightedVerdict: string;
}

const sv: GuideTexts = {
  title: 'Så läser du siffrorna',
  interval: [
    'Intervallet',
    'Siffrorna bygger på dem som svarade, inte på alla som bor i området. Intervallet (95 % konfidensintervall) visar var det verkliga värdet troligen ligger. Ju fler svar, desto smalare intervall.',
  ],
  verdict: [
    'Säkerställd',
    'En förändring är säkerställd när den håller även med hänsyn till att många indikatorer prövas på en gång (Holms metod). En möjlig förändring kan bero på slumpen. ”Ingen förändring av betydelse” betyder att en eventuell förändring är för liten för att spela roll. Varje förändring har en enda bedömning, och den är densamma överallt.',
  ],
  suppressed: (k) => [
    'Undertryckt grupp',
    `En grupp med färre än ${k} svar visas inte, så att ingen kan känna igen enskilda svar. Ibland döljs också en större grupp, när den annars skulle avslöja en mindre grupp genom att räknas bort från totalen. Står det ”uppgift undanhålls” har en siffra hållits inne av samma skäl.`,
  ],
  weighted: [
    'Viktat värde',
    'Ett viktat värde räknar om svaren så att varje grupp (till exempel ett område) väger som sin andel av befolkningen. Grupper med för få svar slås ihop med en närliggande grupp innan vägningen.',
  ],
  weightedVerdict: 'Bedömningen av förändringen bygger på de oviktade värdena.',
};

const en: GuideTexts = {
  title: 'How to read the figures',
  interval: [
    'The interval',
    'The figures rest on those who answered, not on everyone who lives in the area. The interval (95% confidence interval) shows where the true value probably lies. The more answers, the narrower the interval.',
  ],
  verdict: [
    'Confirmed',
    'A change is confirmed when it holds even though many indicators are tested at once (Holm’s method). A possible change may be chance. “No change that matters” means that any change is too small to matter. Each change has one verdict, the same everywhere.',
  ],
  suppressed: (k) => [
    'Suppressed group',
    `A group with fewer than ${k} answers is not shown, so that no one can recognise single answers. Sometimes a larger group is hidden too, when it would otherwise give a smaller group away by subtraction from the total. Where it says “withheld”, a figure is held back for the same reason.`,
  ],
  weighted: [
    'Weighted figure',
    'A weighted figure reweighs the answers so that each group (an area, for example) counts as its share of the population. Groups with too few answers are merged with a neighbouring group before weighting.',
  ],
  weightedVerdict: 'The verdict on a change rests on the unweighted figures.',
};

export function guideTexts(lang: Lang): GuideTexts {
  return lang === 'en' ? en : sv;
}

/**
 * The box; the weighted figure is explained only where the project weights, the verdict only
 * where two rounds are compared.
 */
export function readingGuide(lang: Lang, k: number, weighted: boolean, comparison = true): HTMLElement {
  const g = guideTexts(lang);
  // One round on its own has no change to judge.
  const weightedItem: [string, string] = comparison
    ? [g.weighted[0], `${g.weighted[1]} ${g.weightedVerdict}`]
    : g.weighted;
  const items = [g.interval, comparison ? g.verdict : null, g.suppressed(k), weighted ? weightedItem : null].filter(
    (item): item is [string, string] => item !== null,
  );
  return h(
    'section',
    { class: 'notice reading-guide', 'aria-labelledby': 'reading-guide-title', 'data-field': 'reading-guide' },
    h('h2', { id: 'reading-guide-title' }, g.title),
    h(
      'dl',
      { class: 'facts' },
      items.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)]),
    ),
  );
}
