// The demo project's residents' ideas, as data: three dozen plausible ideas from the five villages
// (functions/local/residents.ts), each with what the moderators did with it and when it came in.
// Written into the demo project by demoIdeas.ts.
import type { IdeaState } from '../core/ideas.ts';

export type Step = IdeaState | 'undo';

export interface DemoIdea {
  /** How other ideas name this one (merges). */
  key: string;
  title: string;
  text: string;
  area: string | null;
  /** What the moderators did, in order, after it was received. */
  path: Step[];
  /** The reason of its rejected or not_prioritised step. */
  reason?: string;
  /** With a merged step: the idea it joins. */
  into?: string;
  contact?: { name?: string; email?: string };
  /** Submitted this many days ago. */
  age: number;
}

const PUBLISHED: Step[] = ['published'];
const PRIORITISED: Step[] = ['published', 'prioritised'];
const PLANNED: Step[] = [...PRIORITISED, 'planned'];
const UNDER_WAY: Step[] = [...PLANNED, 'in_progress'];
const CARRIED_OUT: Step[] = [...UNDER_WAY, 'carried_out'];

export const DEMO_IDEAS: readonly DemoIdea[] = [
  // Carried out
  {
    key: 'badplats',
    title: 'Badplats med brygga vid Gårdebysjön',
    text: 'En riktig brygga och en sandstrand vid sjön, så att barnen kan lära sig simma här hemma i stället för att åka in till stan.',
    area: 'gardeby',
    path: CARRIED_OUT,
    contact: { name: 'Karin Ek', email: 'karin.ek@example.se' },
    age: 176,
  },
  {
    key: 'hjartstartare',
    title: 'Hjärtstartare vid bygdegården',
    text: 'Det är långt till närmaste ambulans. En hjärtstartare på väggen vid bygdegården, och en kurs i hur man använder den.',
    area: 'bottna',
    path: CARRIED_OUT,
    age: 168,
  },
  {
    key: 'bokbyte',
    title: 'Bokbytarhylla i busskuren',
    text: 'En hylla med böcker att låna och lämna i busskuren vid affären.',
    area: 'mogata',
    path: CARRIED_OUT,
    age: 150,
  },
  {
    key: 'loppis',
    title: 'Gemensam loppisdag i hela bygden',
    text: 'En lördag i maj då alla som vill ställer ut på sin tomt, med en karta över var det finns loppis.',
    area: null,
    path: CARRIED_OUT,
    age: 140,
  },
  // Under way
  {
    key: 'cykelvag',
    title: 'Cykelväg mellan Östra Ryd och Söderköping',
    text: 'Det går inte att cykla säkert till stan. En cykelväg längs landsvägen skulle göra att ungdomarna kan ta sig till skolan själva.',
    area: 'ostra-ryd',
    path: UNDER_WAY,
    contact: { name: 'Johan Svensson', email: 'johan.svensson@example.se' },
    age: 165,
  },
  {
    key: 'laddstolpar',
    title: 'Laddstolpar vid affären',
    text: 'Två laddstolpar för elbilar på parkeringen vid affären, så att man kan ladda medan man handlar.',
    area: 'gardeby',
    path: UNDER_WAY,
    age: 130,
  },
  {
    key: 'fiber',
    title: 'Fiber till de sista gårdarna i Sankt Anna',
    text: 'Några gårdar på öarna saknar fortfarande fiber. Kan vi gå ihop och gräva samtidigt?',
    area: 'sankt-anna',
    path: UNDER_WAY,
    age: 120,
  },
  // Planned
  {
    key: 'lekplats',
    title: 'Ny lekplats vid skolan',
    text: 'Den gamla lekplatsen är trasig. En ny med gungor, klätterställning och bänkar för föräldrarna.',
    area: 'bottna',
    path: PLANNED,
    contact: { email: 'lekplats.bottna@example.se' },
    age: 110,
  },
  {
    key: 'bygdegard',
    title: 'Renovera köket i bygdegården',
    text: 'Köket i bygdegården är från sjuttiotalet. Med ett nytt kök kan föreningarna laga mat till fester och hyra ut lokalen.',
    area: 'mogata',
    path: PLANNED,
    age: 100,
  },
  {
    key: 'vandringsled',
    title: 'Skyltad vandringsled runt Mogata',
    text: 'En led på en mil med skyltar om gårdarna och historien, och en karta vid kyrkan.',
    area: 'mogata',
    path: PLANNED,
    age: 95,
  },
  // Prioritised (one of them had been prioritised and undone before, see "utegym")
  {
    key: 'busstur',
    title: 'Fler bussturer på kvällarna',
    text: 'Sista bussen går halv sex. En tur till vid niotiden skulle göra att unga kan gå på träning i stan.',
    area: 'ostra-ryd',
    path: PRIORITISED,
    age: 90,
  },
  {
    key: 'kontor',
    title: 'Gemensamt kontor för distansarbete i gamla skolan',
    text: 'Några skrivbord, bra uppkoppling och kaffe i gamla skolan, så att man kan jobba hemma men inte ensam.',
    area: 'sankt-anna',
    path: PRIORITISED,
    contact: { name: 'Lena Holm' },
    age: 85,
  },
  {
    key: 'belysning',
    title: 'Belysning längs byvägen',
    text: 'Det är becksvart på vintern mellan affären och skolan. Gatlampor, eller åtminstone reflexstolpar.',
    area: 'gardeby',
    path: PRIORITISED,
    age: 80,
  },
  // Not prioritised, with a reason
  {
    key: 'simhall',
    title: 'Simhall i Bottna',
    text: 'En egen simhall så att vi slipper åka till stan.',
    area: 'bottna',
    path: ['published', 'not_prioritised'],
    reason:
      'För stort för projektet: drift och underhåll kostar mer än bygden kan bära. Badplatsen vid sjön tas i stället.',
    age: 145,
  },
  {
    key: 'golfbana',
    title: 'Golfbana på gamla åkrarna',
    text: 'Nio hål på åkrarna som ingen brukar längre.',
    area: 'ostra-ryd',
    path: ['published', 'not_prioritised'],
    reason: 'Marken är utarrenderad till 2030 och få i enkäten efterfrågar det.',
    age: 125,
  },
  {
    key: 'helikopter',
    title: 'Helikopterplatta för ambulansflyg',
    text: 'En plats där ambulanshelikoptern kan landa nära byn.',
    area: 'sankt-anna',
    path: ['published', 'not_prioritised'],
    reason: 'Regionen har redan landningsplatser i närheten; det är deras beslut, inte projektets.',
    age: 70,
  },
  // Merged into another idea
  {
    key: 'brygga',
    title: 'Brygga att bada från',
    text: 'Vi behöver en brygga vid sjön, det är gyttjigt att gå i från stranden.',
    area: 'gardeby',
    path: ['published', 'merged'],
    into: 'badplats',
    age: 160,
  },
  {
    key: 'gatlampor',
    title: 'Gatlampor vid busshållplatsen',
    text: 'Barnen står i mörker och väntar på skolbussen.',
    area: 'gardeby',
    path: ['published', 'merged'],
    into: 'belysning',
    contact: { name: 'Maria Nilsson', email: 'maria.nilsson@example.se' },
    age: 60,
  },
  {
    key: 'cykla-skolan',
    title: 'Säker väg att cykla till skolan',
    text: 'Landsvägen är för smal och bilarna kör fort.',
    area: 'ostra-ryd',
    path: ['published', 'merged'],
    into: 'cykelvag',
    age: 75,
  },
  // Published, waiting for the action programme (one was prioritised by mistake and undone)
  {
    key: 'utegym',
    title: 'Utegym vid elljusspåret',
    text: 'Några enkla redskap för styrketräning utomhus, bredvid spåret.',
    area: 'bottna',
    path: ['published', 'prioritised', 'undo'],
    age: 55,
  },
  {
    key: 'matkassar',
    title: 'Gemensam beställning av matkassar',
    text: 'Om flera hushåll beställer samtidigt kan leveransen komma hit en gång i veckan.',
    area: 'sankt-anna',
    path: PUBLISHED,
    age: 50,
  },
  {
    key: 'konstrunda',
    title: 'Konstrunda under påskhelgen',
    text: 'Konstnärerna i bygden öppnar sina ateljéer en helg, med en karta och skyltar.',
    area: 'mogata',
    path: PUBLISHED,
    age: 45,
  },
  {
    key: 'hundrastgard',
    title: 'Hundrastgård',
    text: 'En inhägnad plats där hundarna kan springa lösa.',
    area: 'ostra-ryd',
    path: PUBLISHED,
    age: 40,
  },
  {
    key: 'filmkvall',
    title: 'Filmkvällar i bygdegården',
    text: 'En projektor och en duk, och en film för barn och en för vuxna en fredag i månaden.',
    area: null,
    path: PUBLISHED,
    age: 35,
  },
  {
    key: 'pendling',
    title: 'Samåkningsgrupp till stan',
    text: 'En grupp i telefonen där man ser vem som kör in till stan och när.',
    area: 'gardeby',
    path: PUBLISHED,
    age: 30,
  },
  // Rejected, with a reason only the moderators see
  {
    key: 'reklam',
    title: 'Köp min ved',
    text: 'Billig björkved, ring mig.',
    area: 'bottna',
    path: ['rejected'],
    reason: 'Reklam, inte en idé för bygden.',
    age: 115,
  },
  {
    key: 'grannen',
    title: 'Grannen på backen',
    text: 'Något måste göras åt grannen som alltid parkerar på vägen.',
    area: 'mogata',
    path: ['rejected'],
    reason: 'Handlar om en enskild person; hänvisad till vägföreningen.',
    age: 65,
  },
  {
    key: 'dubblett',
    title: 'Laddstolpe',
    text: 'Laddstolpe vid affären.',
    area: 'gardeby',
    path: ['rejected'],
    reason: 'Samma idé kom in två gånger från samma person; den första är publicerad.',
    age: 128,
  },
  // Withdrawn on the author's request
  {
    key: 'ateljeer',
    title: 'Hyra ut tomma lokaler som ateljéer',
    text: 'Gamla mejeriet står tomt och kunde bli ateljéer.',
    area: 'sankt-anna',
    path: ['withdrawn'],
    contact: { name: 'Per Andersson', email: 'per.andersson@example.se' },
    age: 42,
  },
  {
    key: 'marknad',
    title: 'Julmarknad på torget',
    text: 'En julmarknad med lokala hantverkare första advent.',
    area: 'ostra-ryd',
    path: ['published', 'withdrawn'],
    age: 88,
  },
  {
    key: 'paddel',
    title: 'Paddelbana vid idrottsplatsen',
    text: 'En paddelbana skulle locka unga.',
    area: 'bottna',
    path: ['rejected', 'withdrawn'],
    reason: 'Finns två banor i tätorten; vi väntar med det.',
    age: 98,
  },
  // Received, waiting in the moderation queue (oldest first)
  {
    key: 'skolskjuts',
    title: 'Skolskjuts även för förskolebarn',
    text: 'Förskolebarnen får ingen skolskjuts, så föräldrarna kör var för sig samma väg varje morgon.',
    area: 'mogata',
    path: [],
    contact: { name: 'Sara Lindqvist', email: 'sara.lindqvist@example.se' },
    age: 12,
  },
  {
    key: 'fagelholk',
    title: 'Fågelholkar och insektshotell vid skolan',
    text: 'Barnen kan bygga dem på slöjden och sätta upp dem i skogsdungen.',
    area: 'bottna',
    path: [],
    age: 9,
  },
  {
    key: 'boulebana',
    title: 'Boulebana bakom bygdegården',
    text: 'Grus, en kratta och en bänk. Det skulle få fler att träffas på kvällarna.',
    area: 'mogata',
    path: [],
    age: 6,
  },
  {
    key: 'batplats',
    title: 'Fler båtplatser i hamnen',
    text: 'Det är kö till båtplatserna sedan flera år.',
    area: 'sankt-anna',
    path: [],
    age: 4,
  },
  {
    key: 'verktyg',
    title: 'Verktygsbibliotek',
    text: 'Släpkärra, motorsåg och högtryckstvätt att låna i stället för att alla köper egna.',
    area: null,
    path: [],
    age: 2,
  },
];
