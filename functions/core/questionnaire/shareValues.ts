// A share's allowed answers outside the API (`bygdpuls export` writes indicators.json for
// `compare`): in a questionnaire they are the choices of its question, so the exported definition
// declares them as `values`, and `compare` reads the answers exactly as the survey route did.
import { DONT_KNOW, type Indicator } from '../schemas.ts';
import { allowedAnswers } from './parse.ts';
import type { ParsedSurvey } from './types.ts';

/** The definitions with every text share's `values` taken from its question's choices ("dk" aside). */
export function withChoiceValues(indicators: readonly Indicator[], survey: ParsedSurvey): Indicator[] {
  return indicators.map((def) => {
    if (def.kind !== 'share' || def.values || def.scale) return def;
    const question = survey.byName.get(def.items[0]);
    const allowed = question ? allowedAnswers(question) : null;
    const values = (allowed ?? []).filter((value) => value !== DONT_KNOW);
    const spelled = new Set(values.map(String));
    // The questionnaire check makes the positive values choices; a definition that does not fit stays as it is.
    if (values.length < 2 || spelled.size !== values.length || !def.positive.every((v) => spelled.has(String(v))))
      return def;
    return { ...def, values };
  });
}
