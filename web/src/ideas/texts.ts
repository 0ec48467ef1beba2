// The idea page's texts, in Swedish (first) and English, and the states in plain words. The API
// brings its own messages (field errors, 429) in the language the page asks for.
import type { Lang } from '../common/lang.ts';
import type { PublicIdea } from '../../../functions/api/contract.ts';

type State = PublicIdea['state'];

export interface Texts {
  /** The switch is labelled in the language it switches to. */
  switchTo: string;
  switchLang: Lang;
  pageTitle: string;
  tabs: string;
  tabForm: string;
  tabBoard: string;
  loading: string;
  loadFailedTitle: string;
  loadFailed: string;
  tryAgain: string;
  notFoundTitle: string;
  notFound: string;
  closedTitle: string;
  closed: string;
  formTitle: string;
  formIntro: string;
  required: string;
  optional: string;
  title: string;
  titleHint: string;
  text: string;
  textHint: string;
  area: string;
  areaHint: string;
  areaNone: string;
  contactLegend: string;
  contactHint: string;
  name: string;
  email: string;
  consent: string;
  consentHint: string;
  send: string;
  sending: string;
  fixErrors: string;
  sendFailed: string;
  tooMany: (seconds: number | null) => string;
  thanksTitle: string;
  thanksReceived: string;
  thanksPublished: string;
  another: string;
  toBoard: string;
  boardTitle: (project: string) => string;
  boardIntro: string;
  boardEmpty: string;
  groupBy: string;
  byArea: string;
  byState: string;
  noArea: string;
  ideaCount: (n: number) => string;
  stateLabel: string;
  areaLabel: string;
  submitted: string;
  mergedHeading: (n: number) => string;
  mergedNote: string;
  states: Record<State, string>;
}

export const TEXTS: Record<Lang, Texts> = {
  sv: {
    switchTo: 'In English',
    switchLang: 'en',
    pageTitle: 'Idéer',
    tabs: 'Idéer',
    tabForm: 'Lämna en idé',
    tabBoard: 'Alla idéer',
    loading: 'Laddar …',
    loadFailedTitle: 'Sidan kunde inte laddas',
    loadFailed: 'Vi fick ingen kontakt med servern. Kontrollera internetanslutningen och försök igen.',
    tryAgain: 'Försök igen',
    notFoundTitle: 'Projektet finns inte',
    notFound: 'Vi hittar inget projekt på den här adressen. Kontrollera att länken är rätt skriven.',
    closedTitle: 'Projektet tar inte emot idéer just nu',
    closed: 'Det går inte att lämna nya idéer just nu. Du kan fortfarande läsa de idéer som har kommit in.',
    formTitle: 'Lämna en idé',
    formIntro:
      'Har du en idé som kan göra bygden bättre? Berätta! Projektet läser alla idéer innan de visas för andra.',
    required: 'måste fyllas i',
    optional: 'frivilligt',
    title: 'Rubrik',
    titleHint: 'En kort rubrik, 3–120 tecken. Till exempel ”Bänkar vid badplatsen”.',
    text: 'Beskriv din idé',
    textHint: 'Vad vill du göra, och varför? Högst 4 000 tecken.',
    area: 'Område',
    areaHint: 'Var i bygden gäller idén?',
    areaNone: 'Inget särskilt område',
    contactLegend: 'Dina kontaktuppgifter (frivilligt)',
    contactHint:
      'Vill du att projektet ska kunna kontakta dig om idén? Uppgifterna visas aldrig för andra och tas bort om du ber om det.',
    name: 'Namn',
    email: 'E-postadress',
    consent: 'Jag samtycker till att projektet sparar mina kontaktuppgifter för att kunna kontakta mig om idén.',
    consentHint: 'Behövs bara om du har skrivit namn eller e-postadress.',
    send: 'Skicka idén',
    sending: 'Skickar …',
    fixErrors: 'Idén kunde inte skickas. Rätta det som är markerat:',
    sendFailed:
      'Idén kunde inte skickas: vi fick ingen kontakt med servern. Din text finns kvar. Kontrollera internetanslutningen och försök igen.',
    tooMany: (seconds) =>
      `Många idéer har skickats härifrån på kort tid. Vänta ${seconds === null ? 'en stund' : `${seconds} sekunder`} och försök igen. Din text finns kvar.`,
    thanksTitle: 'Tack för din idé!',
    thanksReceived: 'Vi har tagit emot den. Den visas bland alla idéer när projektet har läst den.',
    thanksPublished: 'Vi har tagit emot den, och den visas nu bland alla idéer.',
    another: 'Lämna en idé till',
    toBoard: 'Se alla idéer',
    boardTitle: (project) => `Idéer i ${project}`,
    boardIntro: 'Idéerna som invånarna har lämnat och vad projektet har gjort med dem.',
    boardEmpty: 'Det finns inga idéer att visa än.',
    groupBy: 'Visa idéerna efter',
    byArea: 'område',
    byState: 'läge',
    noArea: 'Inget särskilt område',
    ideaCount: (n) => `${n} ${n === 1 ? 'idé' : 'idéer'}`,
    stateLabel: 'Läge',
    areaLabel: 'Område',
    submitted: 'Lämnad',
    mergedHeading: (n) => `${n === 1 ? 'En idé' : `${n} idéer`} har slagits ihop med den här`,
    mergedNote: 'Sammanslagen med',
    states: {
      received: 'Inkommen',
      published: 'Ny idé',
      rejected: 'Avvisad',
      prioritised: 'Prioriterad',
      not_prioritised: 'Inte prioriterad',
      merged: 'Sammanslagen med en annan idé',
      planned: 'Planerad',
      in_progress: 'Pågår',
      carried_out: 'Genomförd',
      withdrawn: 'Återkallad',
    },
  },
  en: {
    switchTo: 'På svenska',
    switchLang: 'sv',
    pageTitle: 'Ideas',
    tabs: 'Ideas',
    tabForm: 'Share an idea',
    tabBoard: 'All ideas',
    loading: 'Loading …',
    loadFailedTitle: 'The page could not be loaded',
    loadFailed: 'We could not reach the server. Check your internet connection and try again.',
    tryAgain: 'Try again',
    notFoundTitle: 'There is no such project',
    notFound: 'We cannot find a project at this address. Check that the link is typed correctly.',
    closedTitle: 'The project does not take ideas just now',
    closed: 'New ideas cannot be shared just now. You can still read the ideas that have come in.',
    formTitle: 'Share an idea',
    formIntro:
      'Do you have an idea that could make where you live better? Tell us! The project reads every idea before others can see it.',
    required: 'required',
    optional: 'optional',
    title: 'Title',
    titleHint: 'A short title, 3–120 characters. For example "Benches by the bathing place".',
    text: 'Describe your idea',
    textHint: 'What would you like to do, and why? At most 4,000 characters.',
    area: 'Area',
    areaHint: 'Where does the idea belong?',
    areaNone: 'No particular area',
    contactLegend: 'Your contact details (optional)',
    contactHint:
      'Would you like the project to be able to contact you about the idea? Your details are never shown to others and are deleted if you ask.',
    name: 'Name',
    email: 'Email address',
    consent: 'I agree that the project keeps my contact details to be able to contact me about the idea.',
    consentHint: 'Needed only if you have given a name or an email address.',
    send: 'Send the idea',
    sending: 'Sending …',
    fixErrors: 'The idea could not be sent. Correct what is marked:',
    sendFailed:
      'The idea could not be sent: we could not reach the server. Your text is kept. Check your internet connection and try again.',
    tooMany: (seconds) =>
      `Many ideas have been sent from here in a short time. Wait ${seconds === null ? 'a while' : `${seconds} seconds`} and try again. Your text is kept.`,
    thanksTitle: 'Thank you for your idea!',
    thanksReceived: 'We have received it. It will be shown among all ideas once the project has read it.',
    thanksPublished: 'We have received it, and it is now shown among all ideas.',
    another: 'Share another idea',
    toBoard: 'See all ideas',
    boardTitle: (project) => `Ideas in ${project}`,
    boardIntro: 'The ideas residents have shared and what the project has done with them.',
    boardEmpty: 'There are no ideas to show yet.',
    groupBy: 'Show the ideas by',
    byArea: 'area',
    byState: 'state',
    noArea: 'No particular area',
    ideaCount: (n) => `${n} ${n === 1 ? 'idea' : 'ideas'}`,
    stateLabel: 'State',
    areaLabel: 'Area',
    submitted: 'Shared',
    mergedHeading: (n) => `${n === 1 ? 'One idea has' : `${n} ideas have`} been merged into this one`,
    mergedNote: 'Merged into',
    states: {
      received: 'Received',
      published: 'New idea',
      rejected: 'Rejected',
      prioritised: 'Prioritised',
      not_prioritised: 'Not prioritised',
      merged: 'Merged into another idea',
      planned: 'Planned',
      in_progress: 'In progress',
      carried_out: 'Carried out',
      withdrawn: 'Withdrawn',
    },
  },
};
