// The built-in questionnaire template for a new project (Swedish and English texts): place
// satisfaction (NKI-style index), pride, attitudes, awareness, engagement, two free-text questions
// and the background questions. Pure data; the admin pages and the demo project start from it.
import { index1to10, mean1to5, share } from './indicatorDefs.ts';
import type { Indicator } from './schemas.ts';

type Localized = { default: string; sv: string; en: string };
const t = (sv: string, en: string): Localized => ({ default: sv, sv, en });

const DONT_KNOW = { value: 'dk', text: t('Vet ej', "Don't know") };

function scale(lo: number, hi: number, withDontKnow: boolean) {
  const values: unknown[] = [];
  for (let v = lo; v <= hi; v++) values.push(v);
  return withDontKnow ? [...values, DONT_KNOW] : values;
}

function rating(
  name: string,
  title: Localized,
  lo: number,
  hi: number,
  minText: Localized,
  maxText: Localized,
  withDontKnow = true,
) {
  return {
    type: 'rating',
    name,
    title,
    rateValues: scale(lo, hi, withDontKnow),
    minRateDescription: minText,
    maxRateDescription: maxText,
    displayMode: 'buttons',
  };
}

const AGREE_LOW = t('Instämmer inte alls', 'Strongly disagree');
const AGREE_HIGH = t('Instämmer helt', 'Strongly agree');

export const AGE_BANDS = ['16-29', '30-49', '50-64', '65+'] as const;
export const GENDERS = [
  { value: 'kvinna', text: t('Kvinna', 'Woman') },
  { value: 'man', text: t('Man', 'Man') },
  { value: 'annat', text: t('Annat', 'Other') },
];

export interface TemplateArea {
  id: string;
  name: string;
}

export interface QuestionnaireTemplate {
  survey: Record<string, unknown>;
  indicators: Indicator[];
  background: { area: string; age_band: string; gender: string };
}

/** The template for a project with these areas. */
export function builtInTemplate(areas: readonly TemplateArea[]): QuestionnaireTemplate {
  const survey = {
    locale: 'sv',
    title: t('Hur är det att bo här?', 'What is it like to live here?'),
    description: t(
      'Enkäten är anonym och tar ungefär fem minuter. Svaren används för att följa upp utvecklingsprojektet i din bygd.',
      'The survey is anonymous and takes about five minutes. The answers are used to follow up the development project where you live.',
    ),
    showQuestionNumbers: 'off',
    pages: [
      {
        name: 'place',
        title: t('Din bygd', 'Your place'),
        elements: [
          rating(
            'q_nki_overall',
            t(
              'Hur nöjd är du sammantaget med din bygd som en plats att bo och leva på?',
              'Overall, how satisfied are you with your place as somewhere to live?',
            ),
            1,
            10,
            t('Inte alls nöjd', 'Not at all satisfied'),
            t('Mycket nöjd', 'Very satisfied'),
          ),
          rating(
            'q_nki_expect',
            t('Hur väl uppfyller din bygd dina förväntningar?', 'How well does your place meet your expectations?'),
            1,
            10,
            t('Inte alls', 'Not at all'),
            t('Helt och hållet', 'Completely'),
          ),
          rating(
            'q_nki_ideal',
            t(
              'Hur nära en idealisk plats att bo på kommer din bygd?',
              'How close does your place come to an ideal place to live?',
            ),
            1,
            10,
            t('Långt ifrån', 'Far from it'),
            t('Mycket nära', 'Very close'),
          ),
        ],
      },
      {
        name: 'pride',
        title: t('Stolthet och framtid', 'Pride and future'),
        elements: [
          rating(
            'q_pride_village',
            t('Jag är stolt över min bygd.', 'I am proud of my village.'),
            1,
            5,
            AGREE_LOW,
            AGREE_HIGH,
          ),
          rating(
            'q_pride_municipality',
            t('Jag är stolt över kommunen som helhet.', 'I am proud of the municipality as a whole.'),
            1,
            5,
            AGREE_LOW,
            AGREE_HIGH,
          ),
          rating(
            'q_future',
            t('Hur ser du på landsbygdens framtid här?', 'How do you see the future of the countryside here?'),
            1,
            10,
            t('Mycket mörkt', 'Very bleak'),
            t('Mycket ljust', 'Very bright'),
          ),
          rating(
            'q_business',
            t('Här går det bra att driva företag.', 'This is a good place to run a business.'),
            1,
            5,
            AGREE_LOW,
            AGREE_HIGH,
          ),
        ],
      },
      {
        name: 'project',
        title: t('Utvecklingsarbetet', 'The development work'),
        elements: [
          {
            type: 'radiogroup',
            name: 'q_aware_project',
            title: t(
              'Känner du till utvecklingsprojektet i din bygd?',
              'Do you know about the development project where you live?',
            ),
            choices: [
              { value: 'yes', text: t('Ja', 'Yes') },
              { value: 'no', text: t('Nej', 'No') },
            ],
          },
          rating(
            'q_engage',
            t(
              'Jag kan tänka mig att delta i arbetet för att utveckla bygden.',
              'I would consider taking part in developing my place.',
            ),
            1,
            5,
            AGREE_LOW,
            AGREE_HIGH,
          ),
          {
            type: 'comment',
            name: 'q_proud_of',
            title: t('Vad är du mest stolt över här?', 'What are you proudest of here?'),
            maxLength: 1000,
          },
          {
            type: 'comment',
            name: 'q_idea',
            title: t('Har du en idé för bygden?', 'Do you have an idea for your place?'),
            maxLength: 1000,
          },
        ],
      },
      {
        name: 'about',
        title: t('Om dig', 'About you'),
        description: t(
          'Frågorna används bara för att redovisa grupper om minst fem personer.',
          'These are only used to report groups of at least five people.',
        ),
        elements: [
          {
            type: 'dropdown',
            name: 'area',
            title: t('Var bor du?', 'Where do you live?'),
            choices: areas.map((area) => ({ value: area.id, text: area.name })),
          },
          {
            type: 'radiogroup',
            name: 'age_band',
            title: t('Hur gammal är du?', 'How old are you?'),
            choices: AGE_BANDS.map((band) => ({ value: band, text: t(`${band} år`, `${band} years`) })),
            showNoneItem: true,
            noneText: t('Vill inte uppge', 'Prefer not to say'),
          },
          {
            type: 'radiogroup',
            name: 'gender',
            title: t('Kön', 'Gender'),
            choices: GENDERS,
            showNoneItem: true,
            noneText: t('Vill inte uppge', 'Prefer not to say'),
          },
        ],
      },
    ],
  };
  const indicators: Indicator[] = [
    index1to10('nki', 'Nöjdhet med bygden (index 0–100)', ['q_nki_overall', 'q_nki_expect', 'q_nki_ideal']),
    share('nki_top', 'Mycket nöjda (8–10)', 'q_nki_overall', [8, 9, 10], { scale: [1, 10] }),
    mean1to5('pride_village', 'Stolthet över bygden (1–5)', 'q_pride_village'),
    mean1to5('pride_municipality', 'Stolthet över kommunen (1–5)', 'q_pride_municipality'),
    index1to10('future', 'Tro på landsbygdens framtid (index 0–100)', ['q_future']),
    mean1to5('business', 'Bra plats för företag (1–5)', 'q_business'),
    share('aware', 'Känner till projektet', 'q_aware_project', ['yes'], { values: ['yes', 'no'] }),
    mean1to5('engage', 'Vill delta i utvecklingsarbetet (1–5)', 'q_engage'),
    share('engage_agree', 'Vill delta (instämmer 4–5)', 'q_engage', [4, 5], { scale: [1, 5] }),
  ];
  return { survey, indicators, background: { area: 'area', age_band: 'age_band', gender: 'gender' } };
}
