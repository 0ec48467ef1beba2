// The survey page's own texts, in Swedish and English (SurveyJS brings its own UI strings, and the
// questionnaire brings its questions' texts).
import type { Lang } from '../common/lang.ts';

export interface Texts {
  /** The switch is labelled in the language it switches to. */
  switchTo: string;
  switchLang: Lang;
  demo: string;
  demoLabel: string;
  loadingSurvey: string;
  sending: string;
  sendFailedTitle: string;
  sendFailed: string;
  tryAgain: string;
  fixErrors: string;
  generalErrors: string;
  loadFailedTitle: string;
  loadFailed: string;
  notFoundTitle: string;
  notFound: string;
  closedTitle: string;
  closed: string;
  codeTitle: string;
  codeIntro: string;
  codeLabel: string;
  codeHint: string;
  codeMissing: string;
  codeButton: string;
  /** After a refused code: whom to ask (the project's name follows). */
  codeHelp: string;
  codeInvalidTitle: string;
  codeInvalid: string;
  codeResend: string;
  codeUsedTitle: string;
  codeUsed: string;
  alreadyTitle: string;
  already: string;
  thanksTitle: string;
  thanks: string;
  thanksClose: string;
  /** The link to the project's idea page on the thank-you page. */
  ideasLink: string;
  pageTitle: string;
}

export const TEXTS: Record<Lang, Texts> = {
  sv: {
    switchTo: 'In English',
    switchLang: 'en',
    demo: 'Det här är ett demoprojekt. Svaren och resultaten är påhittade demodata.',
    demoLabel: 'Demo:',
    loadingSurvey: 'Laddar enkäten …',
    sending: 'Skickar …',
    sendFailedTitle: 'Svaren kunde inte skickas',
    sendFailed:
      'Vi fick ingen kontakt med servern. Dina svar finns kvar på den här sidan. Kontrollera internetanslutningen och försök igen.',
    tryAgain: 'Försök igen',
    fixErrors: 'Några svar behöver rättas. Felen visas vid frågorna.',
    generalErrors: 'Svaren kunde inte tas emot:',
    loadFailedTitle: 'Enkäten kunde inte laddas',
    loadFailed: 'Vi fick ingen kontakt med servern. Kontrollera internetanslutningen och försök igen.',
    notFoundTitle: 'Enkäten finns inte',
    notFound:
      'Vi hittar ingen enkät på den här adressen. Kontrollera att länken är rätt skriven, eller fråga den som skickade den.',
    closedTitle: 'Enkäten är stängd',
    closed: 'Det går inte längre att svara på den här enkäten. Tack för ditt intresse!',
    codeTitle: 'Ange din inbjudningskod',
    codeIntro: 'Den här enkäten är bara för dem som har fått en inbjudan. Koden står i inbjudan.',
    codeLabel: 'Inbjudningskod',
    codeHint: 'Till exempel ABCDE-23456. Stora eller små bokstäver spelar ingen roll.',
    codeMissing: 'Skriv koden från din inbjudan.',
    codeButton: 'Fortsätt',
    codeHelp: 'Skriv koden igen, eller kontakta den som skickade brevet',
    codeInvalidTitle: 'Koden gäller inte',
    codeInvalid:
      'Koden finns inte för den här enkäten. Kontrollera koden i din inbjudan och skriv in den igen. Dina svar finns kvar.',
    codeResend: 'Skicka svaren',
    codeUsedTitle: 'Koden har redan använts',
    codeUsed:
      'Varje inbjudningskod kan bara användas för ett svar, och den här har redan använts. Har du redan svarat? Då tackar vi för dina svar. Tror du att något är fel, kontakta den som skickade inbjudan.',
    alreadyTitle: 'Dina svar har redan kommit fram',
    already: 'Ett tidigare försök att skicka dina svar kom fram, så vi har redan ditt svar. Tack!',
    thanksTitle: 'Tack för dina svar!',
    thanks: 'Dina svar har tagits emot.',
    thanksClose: 'Du kan stänga sidan nu.',
    ideasLink: 'Har du en idé för bygden? Berätta den här',
    pageTitle: 'Enkät',
  },
  en: {
    switchTo: 'På svenska',
    switchLang: 'sv',
    demo: 'This is a demo project. Its answers and results are generated demo data.',
    demoLabel: 'Demo:',
    loadingSurvey: 'Loading the survey …',
    sending: 'Sending …',
    sendFailedTitle: 'Your answers could not be sent',
    sendFailed:
      'We could not reach the server. Your answers are still on this page. Check your internet connection and try again.',
    tryAgain: 'Try again',
    fixErrors: 'Some answers need correcting. The problems are shown at the questions.',
    generalErrors: 'Your answers could not be accepted:',
    loadFailedTitle: 'The survey could not be loaded',
    loadFailed: 'We could not reach the server. Check your internet connection and try again.',
    notFoundTitle: 'There is no such survey',
    notFound:
      'We cannot find a survey at this address. Check that the link is typed correctly, or ask whoever sent it.',
    closedTitle: 'The survey is closed',
    closed: 'This survey no longer takes answers. Thank you for your interest!',
    codeTitle: 'Enter your invitation code',
    codeIntro: 'This survey is only for people who have been invited. The code is in your invitation.',
    codeLabel: 'Invitation code',
    codeHint: 'For example ABCDE-23456. Upper or lower case does not matter.',
    codeMissing: 'Type the code from your invitation.',
    codeButton: 'Continue',
    codeHelp: 'Type the code again, or contact whoever sent the letter',
    codeInvalidTitle: 'The code is not valid',
    codeInvalid:
      'There is no such code for this survey. Check the code in your invitation and type it again. Your answers are kept.',
    codeResend: 'Send my answers',
    codeUsedTitle: 'This code has already been used',
    codeUsed:
      'Each invitation code can be used for one response only, and this one has been used. Have you already answered? Then thank you for your answers. If you think something is wrong, contact whoever sent the invitation.',
    alreadyTitle: 'Your answers have already arrived',
    already: 'An earlier attempt to send your answers got through, so we already have your response. Thank you!',
    thanksTitle: 'Thank you for your answers!',
    thanks: 'Your answers have been received.',
    thanksClose: 'You can close this page now.',
    ideasLink: 'Do you have an idea for where you live? Share it here',
    pageTitle: 'Survey',
  },
};
