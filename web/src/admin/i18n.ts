// The admin pages' texts in Swedish (the default) and English, and the current language.
import { formatDate as formatDateIn, type Lang } from '../common/lang.ts';
import { currentLang, rememberLang } from '../common/langChoice.ts';

const sv = {
  appName: 'bygdpuls',
  adminTitle: 'Administration',
  skipLink: 'Hoppa till innehållet',
  switchLanguage: 'English',
  switchLanguageLang: 'en',
  signOut: 'Logga ut',
  breadcrumbs: 'Du är här',
  loading: 'Laddar …',
  // Sign-in
  signInTitle: 'Logga in',
  signInIntro:
    'Logga in med din administratörsnyckel (token). Du får den när bygdpuls startas, eller av den som driver tjänsten.',
  tokenLabel: 'Administratörsnyckel',
  tokenHint: 'Nyckeln sparas bara i den här fliken och glöms när du stänger den.',
  signInButton: 'Logga in',
  tokenMissing: 'Skriv in din nyckel.',
  tokenRejected:
    'Nyckeln godtogs inte (401). Kontrollera att du har kopierat hela nyckeln och att den inte har gått ut.',
  tokenNotAdmin: 'Nyckeln gäller inte administration (403). En utvärderarnyckel räcker bara för att läsa resultat.',
  sessionExpired: 'Du är utloggad: nyckeln godtas inte längre (401). Logga in igen.',
  signedOut: 'Du är utloggad.',
  signInLinkSpent:
    'Inloggningslänken fungerar inte: den är redan använd eller har gått ut. Be om en ny, eller logga in med en nyckel.',
  signInOther: 'Logga in med en annan nyckel',
  forbidden: 'Din nyckel ger inte tillgång till det här (403).',
  notFound: 'Det du letar efter finns inte (404).',
  networkError: 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  serverError: (status: number) => `Något gick fel på servern (${status}). Försök igen om en stund.`,
  conflict: (message: string) => `Det gick inte (409): ${message}`,
  // Project list
  projectsTitle: 'Projekt',
  projectsIntro: 'Varje projekt har sina områden, sina enkäter och sina mätomgångar.',
  noProjects: 'Det finns inga projekt än.',
  newProject: 'Nytt projekt',
  demoBadge: 'Demodata',
  demoNotice: 'Det här är ett demoprojekt med påhittade svar. Använd det för att prova, inte för att dra slutsatser.',
  // New project
  newProjectTitle: 'Nytt projekt',
  newProjectIntro:
    'Ange projektets namn, de områden (byar, orter, delar av kommunen) som svaren ska redovisas för och hur resultaten ska skyddas.',
  projectName: 'Projektets namn',
  projectNameHint: 'Till exempel ”Levande landsbygd i Norra Ryd 2025–2027”.',
  areas: 'Områden',
  areasHint: 'Ett område per rad. Id skapas av namnet; skriv ”id; Namn” om du vill välja id själv.',
  areasPreview: 'Så här blir områdena',
  areasNone: 'Inga områden än.',
  areaColumnName: 'Namn',
  areaColumnId: 'Id',
  areaColumnPopulation: 'Befolkning',
  populationLegend: 'Befolkning per område (valfritt)',
  populationHint:
    'Fyll i antalet invånare i varje område om resultaten ska viktas efter befolkningen (poststratifiering efter område). Lämna alla tomma för att inte vikta.',
  populationFor: (name: string) => `Befolkning i ${name}`,
  settingsLegend: 'Skydd och statistik',
  minGroupSize: 'Minsta gruppstorlek',
  minGroupSizeHint: 'Grupper med färre svarande visas inte. Minst 3; 5 är vanligt.',
  alpha: 'Signifikansnivå (alfa)',
  alphaHint: 'Sannolikheten att en slumpmässig skillnad kallas signifikant. 0,05 är vanligt.',
  createProject: 'Skapa projektet',
  notANumber: 'Skriv ett tal.',
  fixErrors: 'Rätta det som är markerat:',
  projectCreated: (name: string) => `Projektet ”${name}” är skapat.`,
  // Project view
  projectAreas: 'Områden',
  projectSettings: 'Inställningar',
  settingMinGroup: 'Minsta gruppstorlek',
  settingAlpha: 'Signifikansnivå',
  settingWeighting: 'Viktning',
  weightingByArea: 'efter befolkning per område',
  weightingBy: (strata: string) => `efter ${strata}`,
  weightingNone: 'ingen',
  questionnairesTitle: 'Enkäter',
  questionnairesIntro:
    'En enkät är frågorna och de indikatorer som räknas fram ur svaren. En sparad enkät ändras aldrig; lägg till en ny version i stället.',
  noQuestionnaires: 'Projektet har ingen enkät än. Lägg till en innan du skapar en mätomgång.',
  addQuestionnaire: 'Lägg till enkät',
  questionnaireName: (date: string) => `Enkät från ${date}`,
  questionnaireIndicators: (n: number) => `${n} ${n === 1 ? 'indikator' : 'indikatorer'}`,
  roundsTitle: 'Mätomgångar',
  roundsIntro:
    'Nollmätningen görs innan projektet börjar, uppföljningen efteråt. Jämförelsen mellan dem visas för utvärderarna.',
  noRounds: 'Inga mätomgångar än.',
  kindBaseline: 'Nollmätning',
  kindFollowup: 'Uppföljning',
  accessOpen: 'Öppen länk',
  accessInvite: 'Med inbjudningskod',
  statusOpen: 'Öppen för svar',
  statusClosed: 'Stängd',
  roundKind: 'Typ',
  roundAccess: 'Vem kan svara',
  roundStatus: 'Status',
  roundQuestionnaire: 'Enkät',
  surveyLink: 'Enkätens adress',
  roundDetails: 'Svar och koder',
  closeRound: 'Stäng',
  openRound: 'Öppna',
  roundClosed: (name: string) => `Omgången ”${name}” är stängd. Inga fler svar tas emot.`,
  roundClosedWhat: (name: string) =>
    `Omgången ”${name}” är stängd: inga fler svar tas emot. De slutliga siffrorna och fritextsvaren släpps inom några minuter. Du kan öppna omgången igen.`,
  closeQuestion: (name: string) =>
    `Stänga omgången ”${name}”? Inga fler svar tas emot efter det, och de slutliga siffrorna släpps.`,
  confirmClose: 'Ja, stäng omgången',
  cancel: 'Avbryt',
  roundOpened: (name: string) => `Omgången ”${name}” är öppen för svar.`,
  newRoundTitle: 'Ny mätomgång',
  roundName: 'Namn på omgången',
  roundNameHint: 'Till exempel ”Nollmätning hösten 2025”.',
  kindLegend: 'Typ av mätning',
  kindBaselineHint: 'före projektet',
  kindFollowupHint: 'efter projektet',
  accessLegend: 'Vem kan svara?',
  accessOpenHint: 'alla som har länken kan svara (svagare än koder: samma person kan svara flera gånger)',
  accessInviteHint: 'varje inbjuden får ett brev med en egen kod som bara kan användas en gång',
  createRound: 'Skapa omgången',
  roundCreated: (name: string) => `Omgången ”${name}” är skapad och öppen för svar.`,
  evaluatorsTitle: 'Utvärderare',
  evaluatorsIntro:
    'Ge en utvärderare en egen nyckel som bara kan läsa resultaten för det här projektet. Nyckeln visas bara en gång.',
  createEvaluator: 'Skapa åtkomst för en utvärderare',
  evaluatorCreated: 'Åtkomsten är skapad. Skicka länken till utvärderaren på ett säkert sätt; den visas bara nu.',
  evaluatorToken: 'Utvärderarens nyckel',
  dashboardLink: 'Länk till resultaten (med nyckeln)',
  copy: 'Kopiera',
  copyLink: 'Kopiera länken',
  copied: 'Kopierat.',
  copyFailed: 'Det gick inte att kopiera. Markera texten och kopiera själv.',
  dashboardOpen: 'Öppna resultaten',
  viewResults: 'Visa resultaten',
  // Questionnaire view
  addQuestionnaireTitle: 'Lägg till enkät',
  addQuestionnaireIntro:
    'Välj den inbyggda mallen eller klistra in en egen SurveyJS-enkät med indikatorer. Förhandsgranska den som de boende kommer att se den innan du sparar.',
  sourceLegend: 'Vilken enkät?',
  sourceBuiltIn: 'Den inbyggda mallen',
  sourceBuiltInHint:
    'nöjdhet med bygden (index), stolthet, framtidstro, kännedom om projektet, engagemang och bakgrundsfrågor, på svenska och engelska, med projektets områden',
  sourceCustom: 'Egen enkät (SurveyJS-JSON)',
  sourceCustomHint: 'börja från mallen och ändra, eller klistra in en egen',
  templateIndicators: 'Indikatorer i mallen',
  surveyJson: 'Enkäten (SurveyJS-JSON)',
  surveyJsonHint: 'Ett SurveyJS-dokument. Texter kan ges per språk: {"default": "…", "sv": "…", "en": "…"}.',
  indicatorsJson: 'Indikatorer (JSON)',
  indicatorsJsonHint: 'En lista med indikatorer: index, mean eller share, med de frågor de räknas av.',
  backgroundJson: 'Bakgrundsfrågor (JSON, valfritt)',
  backgroundJsonHint:
    'Vilken fråga som anger område, åldersgrupp och kön, t.ex. {"area": "area", "age_band": "age_band", "gender": "gender"}.',
  invalidJson: (detail: string) => `Det här är inte giltig JSON: ${detail}`,
  expectedObject: 'Här ska stå ett JSON-objekt { … }.',
  expectedArray: 'Här ska stå en JSON-lista [ … ].',
  previewButton: 'Förhandsgranska',
  previewTitle: 'Förhandsvisning',
  previewIntro: 'Så här ser enkäten ut för de boende. Du kan klicka dig igenom den; inga svar sparas.',
  previewLanguage: 'Språk i förhandsvisningen',
  previewFailed: (detail: string) => `Enkäten gick inte att visa: ${detail}`,
  previewStale: 'Du har ändrat enkäten. Förhandsgranska igen innan du sparar.',
  previewDone: 'Förhandsvisningen är klar. Inga svar sparades.',
  saveQuestionnaire: 'Spara enkäten',
  questionnaireSaved: 'Enkäten är sparad.',
  // Round view
  countsTitle: 'Svar per område',
  countsIntro: (k: number) =>
    `Områden med färre än ${k} svar visas inte med antal, för att ingen ska kunna pekas ut; inte heller ett område vars antal annars kunde räknas fram ur totalen.`,
  countsUpdated: (time: string) => `Uppdateras var femte sekund. Senast uppdaterad ${time}.`,
  countsPaused: 'Uppdateringen väntar tills fliken visas igen.',
  countArea: 'Område',
  countResponses: 'Svar',
  countInvited: 'Inbjudna',
  countRate: 'Svarsfrekvens',
  countTotal: 'Totalt',
  fewerThan: (k: number) => `färre än ${k}`,
  hiddenToProtect: 'dolt (skyddar ett mindre område)',
  invitationsTitle: 'Inbjudningskoder',
  invitationsIntro:
    'Varje kod kan användas en gång. Koderna sparas bara som kontrollsummor och visas därför bara när de skapas: ladda ner dem eller skriv ut breven direkt.',
  invitationsOpenRound: 'Den här omgången är öppen för alla som har länken och använder inga koder.',
  openLinkWeaker:
    'En öppen länk skyddar sämre än koder: vem som helst med länken kan svara flera gånger. Bara ett begränsat antal svar i minuten tas emot från samma adress, och svar som kommer i skurar från en adress kan listas och tas bort (GET /api/rounds/…/bursts, POST /api/rounds/…/removals/bulk). Adresserna sparas bara som saltade hashvärden och glöms när omgången stängs. Använd koder när resultatet ska gå att lita på.',
  codeCount: 'Antal koder',
  codeArea: 'Område (valfritt)',
  codeAreaHint:
    'Koppla koderna till ett område om breven skickas till ett visst område; då kan svarsfrekvensen räknas per område.',
  codeAreaNone: 'Inget särskilt område',
  createCodes: 'Skapa koder',
  codesCreated: (n: number) =>
    `${n} ${n === 1 ? 'kod är skapad' : 'koder är skapade'}. De visas bara nu: ladda ner dem eller skriv ut breven innan du lämnar sidan.`,
  codesTable: 'Nya koder',
  codeColumn: 'Kod',
  personalLink: 'Personlig länk',
  downloadCsv: 'Ladda ner koderna (CSV)',
  printLetters: 'Brev att skriva ut',
  moreCodes: (n: number) => `… och ${n} till (finns i CSV-filen och breven).`,
  // Letters
  lettersTitle: 'Brev med inbjudningskoder',
  lettersIntro: 'Skriv ut breven och skicka dem till de inbjudna. Varje brev har en egen kod och QR-kod.',
  lettersNone: 'Det finns inga nya koder att skriva ut. Koder visas bara när de skapas; skapa nya koder för omgången.',
  lettersPerPage: 'Brev per A4-sida',
  print: 'Skriv ut',
  backToRound: 'Tillbaka till omgången',
  letterHeading: 'Vad tycker du om din bygd?',
  letterBody:
    'Du är inbjuden att svara på en kort enkät om hur det är att bo och leva där du bor. Enkäten är anonym och tar ungefär fem minuter. Svaren hjälper oss att följa upp utvecklingsarbetet.',
  letterHowTo: 'Skanna QR-koden med mobilens kamera. Du kan också gå till adressen nedan och skriva in din kod.',
  letterAddress: 'Adress',
  letterCode: 'Din kod',
  letterCodeNote: 'Koden kan bara användas en gång och visar inte vem du är.',
  qrAlt: (code: string) => `QR-kod med din personliga länk (kod ${code})`,
};

export type Texts = typeof sv;

const en: Texts = {
  appName: 'bygdpuls',
  adminTitle: 'Administration',
  skipLink: 'Skip to content',
  switchLanguage: 'Svenska',
  switchLanguageLang: 'sv',
  signOut: 'Sign out',
  breadcrumbs: 'You are here',
  loading: 'Loading …',
  signInTitle: 'Sign in',
  signInIntro:
    "Sign in with your administrator's token. You get it when bygdpuls starts, or from whoever runs the service.",
  tokenLabel: "Administrator's token",
  tokenHint: 'The token is kept in this tab only and forgotten when you close it.',
  signInButton: 'Sign in',
  tokenMissing: 'Enter your token.',
  tokenRejected: 'The token was not accepted (401). Check that you copied all of it and that it has not expired.',
  tokenNotAdmin: "This token is not an administrator's (403). An evaluator's token can only read results.",
  sessionExpired: 'You are signed out: the token is no longer accepted (401). Sign in again.',
  signedOut: 'You are signed out.',
  signInLinkSpent:
    'The sign-in link does not work: it has been used or has expired. Ask for a new one, or sign in with a token.',
  signInOther: 'Sign in with another token',
  forbidden: 'Your token does not give access to this (403).',
  notFound: 'What you are looking for does not exist (404).',
  networkError: 'The server could not be reached. Check the connection and try again.',
  serverError: (status) => `Something went wrong on the server (${status}). Try again in a while.`,
  conflict: (message) => `That did not work (409): ${message}`,
  projectsTitle: 'Projects',
  projectsIntro: 'Each project has its areas, its questionnaires and its survey rounds.',
  noProjects: 'There are no projects yet.',
  newProject: 'New project',
  demoBadge: 'Demo data',
  demoNotice: 'This is a demo project with made-up answers. Use it to try things out, not to draw conclusions.',
  newProjectTitle: 'New project',
  newProjectIntro:
    'Give the project a name, the areas (villages, places, parts of the municipality) the answers are reported for, and how the results are protected.',
  projectName: 'Project name',
  projectNameHint: 'For example "A living countryside in Norra Ryd 2025–2027".',
  areas: 'Areas',
  areasHint: 'One area per line. The id is made from the name; write "id; Name" to choose the id yourself.',
  areasPreview: 'The areas will be',
  areasNone: 'No areas yet.',
  areaColumnName: 'Name',
  areaColumnId: 'Id',
  areaColumnPopulation: 'Population',
  populationLegend: 'Population per area (optional)',
  populationHint:
    'Enter the number of residents of each area to weight the results by population (post-stratification by area). Leave them all empty for no weighting.',
  populationFor: (name) => `Population of ${name}`,
  settingsLegend: 'Protection and statistics',
  minGroupSize: 'Minimum group size',
  minGroupSizeHint: 'Groups with fewer respondents are not shown. At least 3; 5 is common.',
  alpha: 'Significance level (alpha)',
  alphaHint: 'The chance that a random difference is called significant. 0.05 is common.',
  createProject: 'Create the project',
  notANumber: 'Enter a number.',
  fixErrors: 'Please correct what is marked:',
  projectCreated: (name) => `The project "${name}" is created.`,
  projectAreas: 'Areas',
  projectSettings: 'Settings',
  settingMinGroup: 'Minimum group size',
  settingAlpha: 'Significance level',
  settingWeighting: 'Weighting',
  weightingByArea: 'by population per area',
  weightingBy: (strata) => `by ${strata}`,
  weightingNone: 'none',
  questionnairesTitle: 'Questionnaires',
  questionnairesIntro:
    'A questionnaire is the questions and the indicators computed from the answers. A saved questionnaire never changes; add a new version instead.',
  noQuestionnaires: 'The project has no questionnaire yet. Add one before you create a survey round.',
  addQuestionnaire: 'Add a questionnaire',
  questionnaireName: (date) => `Questionnaire of ${date}`,
  questionnaireIndicators: (n) => `${n} ${n === 1 ? 'indicator' : 'indicators'}`,
  roundsTitle: 'Survey rounds',
  roundsIntro:
    'The baseline is measured before the project starts, the follow-up afterwards. Evaluators see the comparison between them.',
  noRounds: 'No survey rounds yet.',
  kindBaseline: 'Baseline',
  kindFollowup: 'Follow-up',
  accessOpen: 'Open link',
  accessInvite: 'With invitation code',
  statusOpen: 'Open for answers',
  statusClosed: 'Closed',
  roundKind: 'Kind',
  roundAccess: 'Who can answer',
  roundStatus: 'Status',
  roundQuestionnaire: 'Questionnaire',
  surveyLink: 'Survey address',
  roundDetails: 'Answers and codes',
  closeRound: 'Close',
  openRound: 'Open',
  roundClosed: (name) => `The round "${name}" is closed. No more answers are taken.`,
  roundClosedWhat: (name) =>
    `The round "${name}" is closed: no more answers are taken. The final figures and the free-text answers are released within a few minutes. You can open the round again.`,
  closeQuestion: (name) =>
    `Close the round "${name}"? No more answers are taken after that, and the final figures are released.`,
  confirmClose: 'Yes, close the round',
  cancel: 'Cancel',
  roundOpened: (name) => `The round "${name}" is open for answers.`,
  newRoundTitle: 'New survey round',
  roundName: 'Name of the round',
  roundNameHint: 'For example "Baseline autumn 2025".',
  kindLegend: 'Kind of measurement',
  kindBaselineHint: 'before the project',
  kindFollowupHint: 'after the project',
  accessLegend: 'Who can answer?',
  accessOpenHint: 'everyone with the link can answer (weaker than codes: one person can answer more than once)',
  accessInviteHint: 'each invitee gets a letter with their own code, which can be used once',
  createRound: 'Create the round',
  roundCreated: (name) => `The round "${name}" is created and open for answers.`,
  evaluatorsTitle: 'Evaluators',
  evaluatorsIntro:
    'Give an evaluator their own token, which can only read the results of this project. The token is shown only once.',
  createEvaluator: 'Create access for an evaluator',
  evaluatorCreated: 'The access is created. Send the link to the evaluator in a safe way; it is shown only now.',
  evaluatorToken: "The evaluator's token",
  dashboardLink: 'Link to the results (with the token)',
  copy: 'Copy',
  copyLink: 'Copy the link',
  copied: 'Copied.',
  copyFailed: 'Copying did not work. Select the text and copy it yourself.',
  dashboardOpen: 'Open the results',
  viewResults: 'View the results',
  addQuestionnaireTitle: 'Add a questionnaire',
  addQuestionnaireIntro:
    'Choose the built-in template or paste your own SurveyJS questionnaire with indicators. Preview it as residents will see it before you save.',
  sourceLegend: 'Which questionnaire?',
  sourceBuiltIn: 'The built-in template',
  sourceBuiltInHint:
    "place satisfaction (index), pride, faith in the future, awareness of the project, engagement and background questions, in Swedish and English, with the project's areas",
  sourceCustom: 'Your own (SurveyJS JSON)',
  sourceCustomHint: 'start from the template and edit it, or paste your own',
  templateIndicators: 'Indicators in the template',
  surveyJson: 'The questionnaire (SurveyJS JSON)',
  surveyJsonHint: 'A SurveyJS document. Texts may be given per language: {"default": "…", "sv": "…", "en": "…"}.',
  indicatorsJson: 'Indicators (JSON)',
  indicatorsJsonHint: 'A list of indicators: index, mean or share, with the questions they are computed from.',
  backgroundJson: 'Background questions (JSON, optional)',
  backgroundJsonHint:
    'Which question gives the area, age band and gender, e.g. {"area": "area", "age_band": "age_band", "gender": "gender"}.',
  invalidJson: (detail) => `This is not valid JSON: ${detail}`,
  expectedObject: 'This should be a JSON object { … }.',
  expectedArray: 'This should be a JSON list [ … ].',
  previewButton: 'Preview',
  previewTitle: 'Preview',
  previewIntro: 'This is how residents will see the questionnaire. You can click through it; no answers are saved.',
  previewLanguage: 'Language of the preview',
  previewFailed: (detail) => `The questionnaire could not be shown: ${detail}`,
  previewStale: 'You have changed the questionnaire. Preview it again before you save.',
  previewDone: 'The preview is finished. No answers were saved.',
  saveQuestionnaire: 'Save the questionnaire',
  questionnaireSaved: 'The questionnaire is saved.',
  countsTitle: 'Answers per area',
  countsIntro: (k) =>
    `Areas with fewer than ${k} answers are shown without a number, so that no one can be singled out; nor is an area whose number could otherwise be worked out from the total.`,
  countsUpdated: (time) => `Updated every five seconds. Last updated ${time}.`,
  countsPaused: 'Updates wait until the tab is shown again.',
  countArea: 'Area',
  countResponses: 'Answers',
  countInvited: 'Invited',
  countRate: 'Response rate',
  countTotal: 'Total',
  fewerThan: (k) => `fewer than ${k}`,
  hiddenToProtect: 'hidden (protects a smaller area)',
  invitationsTitle: 'Invitation codes',
  invitationsIntro:
    'Each code can be used once. Codes are stored only as checksums and are therefore shown only when they are created: download them or print the letters at once.',
  invitationsOpenRound: 'This round is open to everyone with the link and uses no codes.',
  openLinkWeaker:
    'An open link is weaker than codes: anyone with the link can answer more than once. Only a limited number of responses a minute are taken from one address, and responses that arrive in bursts from one address can be listed and removed (GET /api/rounds/…/bursts, POST /api/rounds/…/removals/bulk). Addresses are kept only as salted hashes and are forgotten when the round closes. Use codes when the results must be trustworthy.',
  codeCount: 'Number of codes',
  codeArea: 'Area (optional)',
  codeAreaHint:
    'Tie the codes to an area when the letters go to one area; the response rate can then be counted per area.',
  codeAreaNone: 'No particular area',
  createCodes: 'Create codes',
  codesCreated: (n) =>
    `${n} ${n === 1 ? 'code is' : 'codes are'} created. They are shown only now: download them or print the letters before you leave the page.`,
  codesTable: 'New codes',
  codeColumn: 'Code',
  personalLink: 'Personal link',
  downloadCsv: 'Download the codes (CSV)',
  printLetters: 'Letters to print',
  moreCodes: (n) => `… and ${n} more (in the CSV file and the letters).`,
  lettersTitle: 'Letters with invitation codes',
  lettersIntro: 'Print the letters and send them to the invitees. Each letter has its own code and QR code.',
  lettersNone:
    'There are no new codes to print. Codes are shown only when they are created; create new codes for the round.',
  lettersPerPage: 'Letters per A4 page',
  print: 'Print',
  backToRound: 'Back to the round',
  letterHeading: 'What do you think of where you live?',
  letterBody:
    'You are invited to answer a short survey about what it is like to live where you live. The survey is anonymous and takes about five minutes. The answers help us follow up the development work.',
  letterHowTo: "Scan the QR code with your phone's camera. You can also go to the address below and enter your code.",
  letterAddress: 'Address',
  letterCode: 'Your code',
  letterCodeNote: 'The code can be used once and does not tell who you are.',
  qrAlt: (code) => `QR code with your personal link (code ${code})`,
};

let lang: Lang = currentLang();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  rememberLang(next);
}

/** The texts of the current language. */
export function tx(): Texts {
  return lang === 'en' ? en : sv;
}

/** A date and time as the current language writes it. */
export function formatDate(iso: string): string {
  return formatDateIn(iso, lang, { time: true });
}

export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

export function kindText(kind: string): string {
  return kind === 'baseline' ? tx().kindBaseline : tx().kindFollowup;
}

export function accessText(access: string): string {
  return access === 'invite' ? tx().accessInvite : tx().accessOpen;
}

export function statusText(status: string): string {
  return status === 'open' ? tx().statusOpen : tx().statusClosed;
}
