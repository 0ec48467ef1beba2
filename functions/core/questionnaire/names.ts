// Question names as SurveyJS keeps them (any string, lightly cleaned), and the safe variable names
// an export or a CSV header gives them (Stata and SPSS take only [A-Za-z_][A-Za-z0-9_]*).

/** SurveyJS's makeNameValid: trimmed, without braces, without leading "#". */
function withoutBraces(name: string): string {
  let cleaned = name.trim().replace(/[{}]+/g, '');
  while (cleaned.startsWith('#')) cleaned = cleaned.slice(1);
  return cleaned;
}

/**
 * The name SurveyJS gives a question whose JSON says `raw`, and so the key of its answer: trimmed,
 * the first "|" dropped, braces dropped, leading "#" dropped (survey-core's SurveyElement.getValidName
 * and makeNameValid, applied as its serializer and its setter do).
 */
export function surveyName(raw: string): string {
  const once = withoutBraces(raw).trim();
  const index = once.indexOf('|');
  return withoutBraces(index < 0 ? once : once.slice(0, index) + once.slice(index + 1));
}

/** The longest variable name Stata takes (SPSS takes 64). */
export const MAX_VARIABLE_LENGTH = 32;

/** Words Stata or SPSS reserve: a variable may not be called so. */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // SPSS
  'all',
  'and',
  'by',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
  'not',
  'or',
  'to',
  'with',
  // Stata
  'byte',
  'double',
  'float',
  'if',
  'in',
  'int',
  'long',
  'str',
  'strl',
  'using',
]);

/** The name folded to ASCII letters, digits and single underscores, lower case; '' when nothing is left. */
function asciiStem(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function baseVariable(name: string, maxLength: number): string {
  let stem = asciiStem(name);
  if (stem === '') stem = 'q';
  else if (!/^[a-z]/.test(stem)) stem = `q${stem.startsWith('_') ? '' : '_'}${stem}`;
  stem = stem.slice(0, maxLength).replace(/_+$/, '');
  return RESERVED_WORDS.has(stem) ? `${stem}_q` : stem;
}

/**
 * A safe, distinct variable name for each name, in order (`Care Provider` -> `care_provider`):
 * letters, digits and _, starting with a letter, at most `maxLength` characters, never a word
 * Stata or SPSS reserves, distinct without regard to case (a later clash gets `_2`, `_3`, ...).
 * Pure: the same names in the same order always give the same variables.
 */
export function variableNames(names: readonly string[], maxLength: number = MAX_VARIABLE_LENGTH): string[] {
  const limit = Math.max(8, Math.min(64, Math.floor(maxLength)));
  const taken = new Set<string>();
  const bases = names.map((name) => baseVariable(name, limit));
  // A suffix never takes the variable another name folds into (a, a, a_2 -> a, a_3, a_2).
  for (const base of bases) taken.add(base);
  const used = new Set<string>();
  return bases.map((base) => {
    if (!used.has(base)) {
      used.add(base);
      return base;
    }
    for (let n = 2; ; n++) {
      const suffix = `_${n}`;
      const candidate = base.slice(0, limit - suffix.length) + suffix;
      if (!used.has(candidate) && !taken.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  });
}
