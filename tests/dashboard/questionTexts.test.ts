// The dashboard's labels from the questionnaire (web/src/dashboard/data.ts, questionTexts): a
// Likert grid's rows are items of their own, titled by the grid and the row, with the columns as
// their choices; the old `questions` form is read too.
import { describe, expect, it } from 'vitest';
import { questionTexts } from '../../web/src/dashboard/data.ts';

describe('questionTexts', () => {
  it('labels a matrix row item by the grid and the row, its columns as the choices', () => {
    const survey = {
      pages: [
        {
          elements: [
            {
              type: 'Matrix',
              name: 'attitudes',
              title: { sv: 'Hur väl stämmer det?', en: 'How true is it?' },
              columns: [{ value: 1, text: { sv: 'Inte alls', en: 'Not at all' } }, 5, { value: 'dk', text: 'Vet ej' }],
              rows: [{ value: 'future', text: { sv: 'Byn har en framtid', en: 'The village has a future' } }, 'pride'],
            },
          ],
        },
      ],
    };
    const texts = questionTexts(survey, 'sv', 'Vet inte', 'Inget');
    expect(texts.get('attitudes.future')).toEqual({
      title: 'Hur väl stämmer det?: Byn har en framtid',
      choices: new Map([
        ['1', 'Inte alls'],
        ['5', '5'],
        ['dk', 'Vet inte'],
      ]),
    });
    expect(texts.get('attitudes.pride')?.title).toBe('Hur väl stämmer det?: pride');
    expect(questionTexts(survey, 'en', 'Don’t know', 'None').get('attitudes.future')?.title).toBe(
      'How true is it?: The village has a future',
    );
  });

  it('reads questions of the old form (`questions` instead of `elements`)', () => {
    const texts = questionTexts(
      { questions: [{ type: 'radiogroup', name: 'q', title: 'Fråga', choices: ['a'] }] },
      'sv',
      '',
      '',
    );
    expect(texts.get('q')?.title).toBe('Fråga');
  });
});
