// What a resident is told about an answer, in Swedish and in English.
import type { Language } from '../language.ts';
import type { ChoiceValue } from './types.ts';

export interface ResidentMessages {
  notAnObject: string;
  unknownQuestion: string;
  required: string;
  takesNoAnswer: string;
  expectedChoice: string;
  expectedScale(min: number, max: number): string;
  expectedNumber: string;
  expectedText: string;
  notValidText: string;
  expectedYesNo: string;
  expectedChoiceList: string;
  notAChoice(value: ChoiceValue): string;
  /** An answer that differs from a choice only by case or surrounding spaces. */
  nearChoice(value: ChoiceValue, choice: ChoiceValue): string;
  outsideScale(value: number, min: number, max: number): string;
  notOnScale(value: number, min: number, max: number): string;
  notWholeNumber(value: number): string;
  belowMinimum(value: number, min: number): string;
  aboveMaximum(value: number, max: number): string;
  outsideRange(value: number, min: number, max: number): string;
  notOnStep(value: number, step: number): string;
  tooLong(length: number, max: number): string;
  chosenTwice(value: ChoiceValue): string;
  noneWithOthers(value: ChoiceValue): string;
  tooFewChoices(min: number): string;
  tooManyChoices(max: number): string;
  otherNeedsText: string;
  textWithoutOther: string;
  expectedRows: string;
  expectedItems: string;
  expectedPanels: string;
  unknownRow(key: string): string;
  unknownColumn(key: string): string;
  unknownItem(key: string): string;
  eachRowRequired: string;
  eachRowUnique: string;
  tooManyPanels(max: number): string;
  keyInTwoPanels(value: ChoiceValue): string;
  tooManyRows(max: number): string;
  keyInTwoRows(value: ChoiceValue): string;
  inRowNumber(row: number, column: string, message: string): string;
  /** Where in a question with parts an error is: a row, a row's column, an item, a panel's question. */
  inRow(row: string, message: string): string;
  inCell(row: string, column: string, message: string): string;
  inItem(item: string, message: string): string;
  inPanel(panel: number, question: string, message: string): string;
  tooShort(length: number, min: number): string;
  noDigitsAtEnd: string;
  noMatch: string;
  invalidEmail: string;
  /** An expression validator without its own text: the expression does not hold. */
  expressionFails: string;
  invalidDate: string;
  dateBefore(min: string): string;
  dateAfter(max: string): string;
}

/** Shows a resident's value in a message without letting a long one swamp it. */
function shown(value: ChoiceValue, open: string, close: string, decimal: string): string {
  if (typeof value === 'number') return String(value).replace('.', decimal);
  return open + (value.length > 40 ? `${value.slice(0, 40)}…` : value) + close;
}

const sv = (value: ChoiceValue): string => shown(value, '”', '”', ',');
const en = (value: ChoiceValue): string => shown(value, '"', '"', '.');

export const MESSAGES: Record<Language, ResidentMessages> = {
  sv: {
    notAnObject: 'Svaren ska vara ett objekt med ett svar per fråga.',
    unknownQuestion: 'Okänd fråga.',
    required: 'Frågan måste besvaras.',
    takesNoAnswer: 'Den här frågan tar inte emot något svar.',
    expectedChoice: 'Svaret ska vara ett av svarsalternativen.',
    expectedScale: (min, max) => `Svaret ska vara ett tal på skalan ${sv(min)}–${sv(max)}.`,
    expectedNumber: 'Svaret ska vara ett tal.',
    expectedText: 'Svaret ska vara en text.',
    notValidText: 'Svaret innehåller tecken som inte är giltig text.',
    expectedYesNo: 'Svaret ska vara ja eller nej.',
    expectedChoiceList: 'Svaret ska vara en lista med svarsalternativ.',
    notAChoice: (value) => `Svaret ${sv(value)} finns inte bland svarsalternativen.`,
    nearChoice: (value, choice) => `Svaret ${sv(value)} finns inte bland svarsalternativen. Menade du ${sv(choice)}?`,
    outsideScale: (value, min, max) => `Värdet ${sv(value)} ligger utanför skalan ${sv(min)}–${sv(max)}.`,
    notOnScale: (value, min, max) => `Värdet ${sv(value)} är inte ett av stegen på skalan ${sv(min)}–${sv(max)}.`,
    notWholeNumber: (value) => `Värdet ${sv(value)} är inte ett heltal.`,
    belowMinimum: (value, min) => `Värdet ${sv(value)} är mindre än ${sv(min)}.`,
    aboveMaximum: (value, max) => `Värdet ${sv(value)} är större än ${sv(max)}.`,
    outsideRange: (value, min, max) => `Värdet ${sv(value)} ligger utanför intervallet ${sv(min)}–${sv(max)}.`,
    notOnStep: (value, step) => `Värdet ${sv(value)} är inte en multipel av ${sv(step)}.`,
    tooLong: (length, max) => `Svaret är för långt: ${length} tecken, högst ${max} är tillåtna.`,
    chosenTwice: (value) => `Svaret ${sv(value)} är valt två gånger.`,
    noneWithOthers: (value) => `Svaret ${sv(value)} kan inte kombineras med andra svar.`,
    tooFewChoices: (min) => `Välj minst ${min} svar.`,
    tooManyChoices: (max) => `Välj högst ${max} svar.`,
    otherNeedsText: 'Skriv ditt eget svar i fältet för ”Annat”.',
    textWithoutOther: 'Texten hör till svaret ”Annat”, som inte är valt.',
    expectedRows: 'Svaret ska vara ett objekt med ett svar per rad.',
    expectedItems: 'Svaret ska vara ett objekt med ett svar per fält.',
    expectedPanels: 'Svaret ska vara en lista med ett objekt per panel.',
    unknownRow: (key) => `Raden ${sv(key)} finns inte i frågan.`,
    unknownColumn: (key) => `Kolumnen ${sv(key)} finns inte i frågan.`,
    unknownItem: (key) => `Fältet ${sv(key)} finns inte i frågan.`,
    eachRowRequired: 'Svara på varje rad.',
    eachRowUnique: 'Varje rad ska ha ett eget svar.',
    tooManyPanels: (max) => `Högst ${max} paneler är tillåtna.`,
    keyInTwoPanels: (value) => `Svaret ${sv(value)} finns redan i en annan panel.`,
    tooManyRows: (max) => `Högst ${max} rader är tillåtna.`,
    keyInTwoRows: (value) => `Svaret ${sv(value)} finns redan på en annan rad.`,
    inRowNumber: (row, column, message) => `Rad ${row}, kolumn ${sv(column)}: ${message}`,
    inRow: (row, message) => `Rad ${sv(row)}: ${message}`,
    inCell: (row, column, message) => `Rad ${sv(row)}, kolumn ${sv(column)}: ${message}`,
    inItem: (item, message) => `${sv(item)}: ${message}`,
    inPanel: (panel, question, message) => `Panel ${panel}, ${sv(question)}: ${message}`,
    tooShort: (length, min) => `Svaret är för kort: ${length} tecken, minst ${min} behövs.`,
    noDigitsAtEnd: 'Svaret får inte sluta med siffror.',
    noMatch: 'Svaret har inte rätt form.',
    invalidEmail: 'Svaret ska vara en e-postadress.',
    expressionFails: 'Svaret uppfyller inte villkoret för frågan.',
    invalidDate: 'Svaret ska vara ett datum (åååå-mm-dd).',
    dateBefore: (min) => `Datumet är tidigare än ${min}.`,
    dateAfter: (max) => `Datumet är senare än ${max}.`,
  },
  en: {
    notAnObject: 'The answers must be an object with one answer per question.',
    unknownQuestion: 'Unknown question.',
    required: 'This question must be answered.',
    takesNoAnswer: 'This question takes no answer.',
    expectedChoice: 'The answer must be one of the choices.',
    expectedScale: (min, max) => `The answer must be a number on the scale ${en(min)}–${en(max)}.`,
    expectedNumber: 'The answer must be a number.',
    expectedText: 'The answer must be text.',
    notValidText: 'The answer contains characters that are not valid text.',
    expectedYesNo: 'The answer must be yes or no.',
    expectedChoiceList: 'The answer must be a list of choices.',
    notAChoice: (value) => `The answer ${en(value)} is not one of the choices.`,
    nearChoice: (value, choice) => `The answer ${en(value)} is not one of the choices. Did you mean ${en(choice)}?`,
    outsideScale: (value, min, max) => `The value ${en(value)} is outside the scale ${en(min)}–${en(max)}.`,
    notOnScale: (value, min, max) =>
      `The value ${en(value)} is not one of the steps of the scale ${en(min)}–${en(max)}.`,
    notWholeNumber: (value) => `The value ${en(value)} is not a whole number.`,
    belowMinimum: (value, min) => `The value ${en(value)} is less than ${en(min)}.`,
    aboveMaximum: (value, max) => `The value ${en(value)} is more than ${en(max)}.`,
    outsideRange: (value, min, max) => `The value ${en(value)} is outside the range ${en(min)}–${en(max)}.`,
    notOnStep: (value, step) => `The value ${en(value)} is not a multiple of ${en(step)}.`,
    tooLong: (length, max) => `The answer is too long: ${length} characters, at most ${max} allowed.`,
    chosenTwice: (value) => `The answer ${en(value)} is chosen twice.`,
    noneWithOthers: (value) => `The answer ${en(value)} cannot be combined with other answers.`,
    tooFewChoices: (min) => `Choose at least ${min} ${min === 1 ? 'answer' : 'answers'}.`,
    tooManyChoices: (max) => `Choose at most ${max} ${max === 1 ? 'answer' : 'answers'}.`,
    otherNeedsText: 'Please write your own answer in the field for "Other".',
    textWithoutOther: 'This text belongs with the answer "Other", which is not chosen.',
    expectedRows: 'The answer must be an object with one answer per row.',
    expectedItems: 'The answer must be an object with one answer per field.',
    expectedPanels: 'The answer must be a list with one object per panel.',
    unknownRow: (key) => `The row ${en(key)} is not in the question.`,
    unknownColumn: (key) => `The column ${en(key)} is not in the question.`,
    unknownItem: (key) => `The field ${en(key)} is not in the question.`,
    eachRowRequired: 'Please answer every row.',
    eachRowUnique: 'Each row must have a different answer.',
    tooManyPanels: (max) => `At most ${max} panels are allowed.`,
    keyInTwoPanels: (value) => `The answer ${en(value)} is already given in another panel.`,
    tooManyRows: (max) => `At most ${max} rows are allowed.`,
    keyInTwoRows: (value) => `The answer ${en(value)} is already given in another row.`,
    inRowNumber: (row, column, message) => `Row ${row}, column ${en(column)}: ${message}`,
    inRow: (row, message) => `Row ${en(row)}: ${message}`,
    inCell: (row, column, message) => `Row ${en(row)}, column ${en(column)}: ${message}`,
    inItem: (item, message) => `${en(item)}: ${message}`,
    inPanel: (panel, question, message) => `Panel ${panel}, ${en(question)}: ${message}`,
    tooShort: (length, min) => `The answer is too short: ${length} characters, at least ${min} needed.`,
    noDigitsAtEnd: 'The answer may not end with digits.',
    noMatch: 'The answer is not in the expected form.',
    invalidEmail: 'The answer must be an e-mail address.',
    expressionFails: 'The answer does not meet the condition of the question.',
    invalidDate: 'The answer must be a date (yyyy-mm-dd).',
    dateBefore: (min) => `The date is before ${min}.`,
    dateAfter: (max) => `The date is after ${max}.`,
  },
};
