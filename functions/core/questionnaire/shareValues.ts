// A share's allowed answers outside the API (`bygdpuls export` writes indicators.json for
// `compare`): in a questionnaire they are the choices of its question (the columns of its matrix row), so the exported definition
// declares them as `values`, and `compare` reads the answers exactly as the survey route did.
import { DONT_KNOW, type Indicator } from '../schemas.ts';
import { itemReadings, rowAnswers } from './items.ts';
import { allowedAnswers } from './parse.ts';
import type { ChoiceValue, ParsedSurvey } from './types.ts';

/** The definitions with every text share's `values` taken from its question's choices ("dk" aside). */
export function withChoiceValues(indicators: readonly Indicator[], survey: ParsedSurvey): Indicator[] {
  return indicators.map((def) => {
    if (def.kind !== 'share' || def.values || def.scale) return def;
    const [reading, ...others] = itemReadings(def.items[0], survey);
    let allowed: readonly (ChoiceValue | boolean)[] | null = null;
    if (reading?.kind === 'question' && others.length === 0) allowed = allowedAnswers(reading.question);
    else if (reading?.kind === 'row' && reading.matrix.kind === 'matrix' && others.length === 0)
      allowed = rowAnswers(reading.matrix);
    const values = (allowed ?? []).filter((value) => value !== DONT_KNOW);
    const spelled = new Set(values.map(String));
    // The questionnaire check makes the positive values choices; a definition that does not fit stays as it is.
    if (values.length < 2 || spelled.size !== values.length || !def.positive.every((v) => spelled.has(String(v))))
      return def;
    return { ...def, values };
  });
}
