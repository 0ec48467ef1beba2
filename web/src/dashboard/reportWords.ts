// The texts of the report's summary, its indicator blocks and the one-round view, in Swedish (the
// default) and English. The words of a verdict are i18n.ts's (one verdict everywhere).
import type { Lang } from '../common/lang.ts';

/** "a, b och c". */
export function listIn(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const sv = {
  and: 'och',
  summaryTitle: 'Sammanfattning',
  measuredTitle: 'Vad som mättes',
  measured: (areas: string[], indicators: string[]) =>
    `Enkäten vände sig till de boende i ${areas.length === 1 ? 'området' : `projektets ${areas.length} områden`} ${listIn(areas, 'och')}. Den mäter ${indicators.length} indikatorer: ${listIn(indicators, 'och')}.`,
  answeredTitle: 'Hur många som svarade',
  answered: (round: string, kind: string, n: string) => `${round} (${kind}): ${n} svar`,
  invitedPart: (invited: string, rate: string) => ` av ${invited} inbjudna, en svarsfrekvens på ${rate}`,
  openPart: (n: string, at: string) =>
    ` Omgången är fortfarande öppen: siffrorna är preliminära och bygger på de ${n} svar som släpptes ${at}.`,
  closedPart: (at: string) => ` Omgången är stängd; siffrorna är de slutliga (släppta ${at}).`,
  closingPart: ' Omgången är stängd; de slutliga siffrorna släpps inom kort.',
  noReleasePart: ' Inga siffror har släppts ännu (för få svar).',
  resultsTitle: 'Resultaten i korthet',
  pairIntro: (b: string, f: string) =>
    `Förändringen från ${b} till ${f}, bedömd på samma sätt för varje indikator (se ”Så läser du siffrorna”):`,
  oneIntro: 'Värdena är skattningar för alla boende, med ett 95 % konfidensintervall inom parentes.',
  baselineOnly:
    'Det här är en nollmätning: den beskriver läget innan projektets insatser har fått verka. När en uppföljning finns visar rapporten förändringen.',
  oneRoundOnly: 'Rapporten visar en omgång för sig. Med en nollmätning och en uppföljning visar den förändringen.',
  outOf100: (value: string) => `${value} av 100`,
  onScale: (value: string, lo: string, hi: string) => `${value} på skalan ${lo}–${hi}`,
  ofRespondents: (value: string) => `${value} av de svarande`,
  levelIs: (band: string) => `nivån ”${band}”`,
  intervalIn: (ci: string) => `95 % KI ${ci}`,
  arrow: '→',
  smallTitle: 'Små grupper redovisas inte',
  tooSmall: (names: string[], k: number) =>
    `${listIn(names, 'och')} hade färre än ${k} svar på en eller flera indikatorer; de siffrorna redovisas inte, så att ingen ska kunna känna igen enskilda svar.`,
  protecting: (names: string[], k: number) =>
    `${listIn(names, 'och')} redovisas inte överallt, eftersom en mindre grupp (färre än ${k} svar) annars kunde räknas fram ur totalen.`,
  omitted: (names: string[], k: number, one: boolean) =>
    `${listIn(names, 'och')} har färre än ${k} svar ${one ? 'i omgången' : 'i båda omgångarna'} och har därför inget eget avsnitt.`,
  allRespondents: 'Alla',
  group: 'Grupp',
  preliminary: 'preliminärt',
  weightedRow: 'Viktat',
  weightedBy: (strata: string) => `Viktat efter ${strata}`,
  withheld: 'undanhålls',
  level: 'Nivå',
  change: 'Förändring',
  points: 'procentenheter',
  question: (i: number) => `Fråga ${i}`,
  distributionOf: 'Svarsfördelning',
  methodTitle: 'Om metoden',
  bands: (list: string) => `Index delas in i nivåer enligt vanlig svensk praxis för nöjdhetsindex: ${list}.`,
  bandFrom: (label: string, from: string) => `”${label}” från ${from}`,
  oneMethod: (k: number, weighting: string | null) => [
    'Varje indikator redovisas som ett medelvärde (index 0–100 eller medelvärde på frågans skala) eller som en andel, med ett 95 % konfidensintervall: t-fördelningen för medelvärden och Wilsons intervall för andelar.',
    `Grupper med färre än ${k} svar redovisas inte (de visas som undertryckta) för att skydda de svarandes anonymitet. Om en sådan grupp skulle kunna räknas fram genom att dra de redovisade grupperna från totalen undertrycks även den minsta redovisade gruppen (sekundär undertryckning).`,
    weighting
      ? `De viktade värdena är efterstratifierade efter ${weighting} med befolkningsuppgifter, så att varje grupp väger som sin andel av befolkningen; de oviktade värdena visas bredvid.`
      : 'Värdena är oviktade: varje svar väger lika.',
  ],
  textsSame: (n: string) => `(${n} likadana svar)`,
  // The one-round view of the dashboard.
  oneRoundSubtitle: (kind: string, name: string) =>
    name.toLowerCase().startsWith(kind.toLowerCase()) ? name : `${kind}: ${name}`,
  reportKind: (kind: string) => (kind === 'Nollmätning' ? 'Nollmätningsrapport' : `Rapport, ${kind.toLowerCase()}`),
  preliminaryBadge: (round: string, n: string) => `Preliminärt: ${round} är fortfarande öppen (${n} svar hittills)`,
  noFollowup:
    'Projektet har ingen uppföljning ännu. Här visas nollmätningen för sig; jämförelsen visas när en uppföljning finns.',
  followupEmpty: (name: string) =>
    `${name} har inga siffror ännu (för få svar). Här visas nollmätningen för sig; jämförelsen visas när uppföljningens första siffror har släppts.`,
  noRounds: 'Projektet har inga omgångar ännu.',
  oneRoundTitle: 'Visa en omgång',
  showRound: 'Visa omgången',
  compareTitle: 'Jämför två omgångar',
  compare: 'Jämför',
  overviewLevel: 'Nivå',
};

export type ReportWords = typeof sv;

const en: ReportWords = {
  and: 'and',
  summaryTitle: 'Summary',
  measuredTitle: 'What was measured',
  measured: (areas, indicators) =>
    `The survey was addressed to the residents of ${areas.length === 1 ? 'the area' : `the project's ${areas.length} areas`} ${listIn(areas, 'and')}. It measures ${indicators.length} indicators: ${listIn(indicators, 'and')}.`,
  answeredTitle: 'How many answered',
  answered: (round, kind, n) => `${round} (${kind}): ${n} responses`,
  invitedPart: (invited, rate) => ` of ${invited} invited, a response rate of ${rate}`,
  openPart: (n, at) =>
    ` The round is still open: the figures are preliminary and rest on the ${n} responses released on ${at}.`,
  closedPart: (at) => ` The round is closed; the figures are final (released on ${at}).`,
  closingPart: ' The round is closed; its final figures are released shortly.',
  noReleasePart: ' No figures have been released yet (too few responses).',
  resultsTitle: 'The results in brief',
  pairIntro: (b, f) =>
    `The change from ${b} to ${f}, judged the same way for every indicator (see “How to read the figures”):`,
  oneIntro: 'The values are estimates for all residents, with a 95% confidence interval in brackets.',
  baselineOnly:
    'This is a baseline: it describes the situation before the project’s work has had its effect. Once a follow-up exists, the report shows the change.',
  oneRoundOnly: 'The report shows one round on its own. With a baseline and a follow-up it shows the change.',
  outOf100: (value) => `${value} out of 100`,
  onScale: (value, lo, hi) => `${value} on the scale ${lo}–${hi}`,
  ofRespondents: (value) => `${value} of respondents`,
  levelIs: (band) => `level “${band}”`,
  intervalIn: (ci) => `95% CI ${ci}`,
  arrow: '→',
  smallTitle: 'Small groups are not reported',
  tooSmall: (names, k) =>
    `${listIn(names, 'and')} had fewer than ${k} responses on one or more indicators; those figures are not reported, so that no one can recognise single answers.`,
  protecting: (names, k) =>
    `${listIn(names, 'and')} ${names.length === 1 ? 'is' : 'are'} not reported everywhere, because a smaller group (fewer than ${k} responses) could otherwise be worked out from the total.`,
  omitted: (names, k, one) =>
    `${listIn(names, 'and')} ${names.length === 1 ? 'has' : 'have'} fewer than ${k} responses ${one ? 'in the round' : 'in both rounds'} and no section of ${names.length === 1 ? 'its' : 'their'} own.`,
  allRespondents: 'All',
  group: 'Group',
  preliminary: 'preliminary',
  weightedRow: 'Weighted',
  weightedBy: (strata) => `Weighted by ${strata}`,
  withheld: 'withheld',
  level: 'Level',
  change: 'Change',
  points: 'percentage points',
  question: (i) => `Question ${i}`,
  distributionOf: 'Answer distribution',
  methodTitle: 'About the method',
  bands: (list) => `Indexes are read in levels, following common Swedish practice for satisfaction indexes: ${list}.`,
  bandFrom: (label, from) => `“${label}” from ${from}`,
  oneMethod: (k, weighting) => [
    'Each indicator is reported as a mean (an index 0–100 or a mean on the question’s scale) or as a share, with a 95% confidence interval: the t distribution for means and Wilson’s interval for shares.',
    `Groups with fewer than ${k} responses are not reported (they are shown as suppressed) to protect the respondents’ anonymity. Where such a group could be worked out by subtracting the reported groups from the total, the smallest reported group is suppressed too (secondary suppression).`,
    weighting
      ? `The weighted figures are post-stratified by ${weighting} with population figures, so that each group counts as its share of the population; the unweighted figures are shown beside them.`
      : 'The figures are unweighted: every response counts the same.',
  ],
  textsSame: (n) => `(${n} identical answers)`,
  oneRoundSubtitle: (kind, name) => (name.toLowerCase().startsWith(kind.toLowerCase()) ? name : `${kind}: ${name}`),
  reportKind: (kind) => (kind === 'Baseline' ? 'Baseline report' : `Report, ${kind.toLowerCase()}`),
  preliminaryBadge: (round, n) => `Preliminary: ${round} is still open (${n} responses so far)`,
  noFollowup:
    'The project has no follow-up round yet. The baseline is shown on its own; the comparison appears once a follow-up exists.',
  followupEmpty: (name) =>
    `${name} has no figures yet (too few responses). The baseline is shown on its own; the comparison appears once the follow-up’s first figures are released.`,
  noRounds: 'The project has no rounds yet.',
  oneRoundTitle: 'Show one round',
  showRound: 'Show the round',
  compareTitle: 'Compare two rounds',
  compare: 'Compare',
  overviewLevel: 'Level',
};

export function reportWords(lang: Lang): ReportWords {
  return lang === 'en' ? en : sv;
}
