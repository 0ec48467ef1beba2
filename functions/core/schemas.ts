// The shapes of indicator definitions, project settings and responses, defined once as zod
// schemas; the TypeScript types are derived from them. Every schema is built on first use
// (z.lazy), not at import: building them all lengthens a Lambda's cold start (docs/BENCH.md, "Measurements behind the code"),
// and most requests need one or two of them.
import * as z from 'zod';

export const BACKGROUND_VARIABLES = ['area', 'age_band', 'gender'] as const;
export const BackgroundVariable = z.lazy(() => z.enum(BACKGROUND_VARIABLES));
export type BackgroundVariable = z.infer<typeof BackgroundVariable>;

/** The "don't know" answer (vet ej): never a number. */
export const DONT_KNOW = 'dk';

/** A question's name as SurveyJS takes it: any text (a space, a "?", "Vård & omsorg"), not empty. */
const questionName = () =>
  z
    .string({ error: 'a question name is a text' })
    .min(1, 'a question name is not empty')
    .max(200, 'a question name is at most 200 characters');

const indicatorId = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'an indicator id is letters, digits, _ - and starts with a letter or _');

const scale = () =>
  z
    .tuple([z.number().int(), z.number().int()])
    .refine(([lo, hi]) => lo < hi, 'a scale is [lowest, highest] with lowest < highest')
    .refine(([lo, hi]) => hi - lo <= 1000, 'a scale spans at most 1000 steps');

const label = () => z.string().max(200).optional();

const distinct = (values: readonly unknown[]) => new Set(values.map(String)).size === values.length;

const indexIndicator = () =>
  z
    .strictObject({
      id: indicatorId(),
      label: label(),
      kind: z.literal('index'),
      items: z.array(questionName()).min(1).max(20).refine(distinct, 'items must be distinct'),
      weights: z.array(z.number().positive().finite()).optional(),
      scale: scale(),
      minItems: z.number().int().min(1).optional(),
      /** The smallest change that matters, for the verdict's "no change" (../shared/docs/METHOD.md). */
      meaningfulChange: z.number().positive().finite().optional(),
    })
    .superRefine((def, ctx) => {
      if (def.weights && def.weights.length !== def.items.length) {
        ctx.addIssue({ code: 'custom', path: ['weights'], message: `give one weight per item (${def.items.length})` });
      }
      if (def.minItems !== undefined && def.minItems > def.items.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['minItems'],
          message: `minItems is at most the number of items (${def.items.length})`,
        });
      }
    });

const meanIndicator = () =>
  z.strictObject({
    id: indicatorId(),
    label: label(),
    kind: z.literal('mean'),
    items: z.tuple([questionName()]),
    scale: scale(),
    /** The smallest change that matters, for the verdict's "no change" (../shared/docs/METHOD.md). */
    meaningfulChange: z.number().positive().finite().optional(),
  });

const answerValue = () => z.union([z.string().min(1).max(100), z.number().finite(), z.boolean()]);

const shareIndicator = () =>
  z
    .strictObject({
      id: indicatorId(),
      label: label(),
      kind: z.literal('share'),
      items: z.tuple([questionName()]),
      positive: z.array(answerValue()).min(1).refine(distinct, 'positive values must be distinct'),
      /** Optional: the allowed answers, when the item is not on a numeric scale. */
      values: z.array(answerValue()).min(2).refine(distinct, 'values must be distinct').optional(),
      /** Optional: the item's numeric scale, when it has one. */
      scale: scale().optional(),
      /** The smallest change that matters, for the verdict's "no change" (../shared/docs/METHOD.md). */
      meaningfulChange: z.number().positive().finite().optional(),
    })
    .superRefine((def, ctx) => {
      if (def.values) {
        const allowed = new Set(def.values.map(String));
        def.positive.forEach((value, i) => {
          if (!allowed.has(String(value))) {
            ctx.addIssue({
              code: 'custom',
              path: ['positive', i],
              message: `positive value ${JSON.stringify(value)} is not among values`,
            });
          }
        });
      }
      if (def.scale) {
        const [lo, hi] = def.scale;
        def.positive.forEach((value, i) => {
          if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
            ctx.addIssue({
              code: 'custom',
              path: ['positive', i],
              message: `positive value ${JSON.stringify(value)} is not on the scale ${lo}..${hi}`,
            });
          }
        });
      }
    });

export const IndexIndicator = z.lazy(indexIndicator);
export const MeanIndicator = z.lazy(meanIndicator);
export const ShareIndicator = z.lazy(shareIndicator);
export const Indicator = z.lazy(() =>
  z.discriminatedUnion('kind', [indexIndicator(), meanIndicator(), shareIndicator()]),
);
export type Indicator = z.infer<typeof Indicator>;
export type IndexIndicator = z.infer<typeof IndexIndicator>;
export type MeanIndicator = z.infer<typeof MeanIndicator>;
export type ShareIndicator = z.infer<typeof ShareIndicator>;

const indicatorList = () =>
  z
    .array(Indicator, { error: 'indicators is a list of indicator definitions' })
    .max(100, 'at most 100 indicators')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((def, i) => {
        if (seen.has(def.id))
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `indicator id "${def.id}" is used twice` });
        seen.add(def.id);
      });
    });

/** The indicators a comparison computes (`bygdpuls compare`): at least one. */
export const IndicatorList = z.lazy(() => indicatorList().min(1, 'give at least one indicator'));

/** A questionnaire's indicators: none is fine (a questionnaire that only collects answers, for export). */
export const QuestionnaireIndicators = z.lazy(indicatorList);

/** One row of population figures: a value per stratum variable and the population count. */
export const PopulationRow = z.lazy(() =>
  z.object({ population: z.number().positive().finite() }).catchall(z.string().min(1)),
);
export type PopulationRow = z.infer<typeof PopulationRow>;

export const Weighting = z.lazy(() =>
  z
    .strictObject({
      strata: z.array(BackgroundVariable).min(1).refine(distinct, 'strata variables must be distinct'),
      population: z.array(PopulationRow).min(1),
      /**
       * Strata with fewer respondents are merged in what is published (collapsed strata,
       * ../shared/docs/METHOD.md); default and floor: the minimum group size k.
       */
      minStratumSize: z.number().int().min(1).max(1000).optional(),
    })
    .superRefine((w, ctx) => {
      const seen = new Set<string>();
      w.population.forEach((row, i) => {
        for (const variable of w.strata) {
          if (typeof row[variable] !== 'string') {
            ctx.addIssue({
              code: 'custom',
              path: ['population', i, variable],
              message: `population row lacks "${variable}"`,
            });
            return;
          }
        }
        const extra = Object.keys(row).filter(
          (key) => key !== 'population' && !w.strata.includes(key as BackgroundVariable),
        );
        if (extra.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['population', i],
            message: `population row has columns that are not strata: ${extra.join(', ')}`,
          });
        }
        const key = stratumKey(w.strata, row as Record<string, string>);
        if (seen.has(key))
          ctx.addIssue({ code: 'custom', path: ['population', i], message: 'this stratum is listed twice' });
        seen.add(key);
      });
    }),
);
export type Weighting = z.infer<typeof Weighting>;

/** Bands for reading an index (../shared/docs/METHOD.md: configuration, not code). Each band starts at `from`. */
export const IndexBand = z.lazy(() =>
  z.strictObject({ from: z.number().min(0).max(100), label: z.strictObject({ sv: z.string(), en: z.string() }) }),
);
export const DEFAULT_INDEX_BANDS: z.infer<typeof IndexBand>[] = [
  { from: 0, label: { sv: 'Ej godkänt', en: 'Not approved' } },
  { from: 40, label: { sv: 'Godkänt', en: 'Approved' } },
  { from: 55, label: { sv: 'Nöjd', en: 'Satisfied' } },
  { from: 75, label: { sv: 'Mycket nöjd', en: 'Very satisfied' } },
];

export const ProjectSettings = z.lazy(() =>
  z.strictObject({
    alpha: z.number().gt(0).lt(1).default(0.05),
    /** Groups under this many respondents are suppressed; never below 3 (../shared/docs/METHOD.md). */
    minGroupSize: z.number().int().min(3).max(1000).default(5),
    groupBy: z.array(BackgroundVariable).refine(distinct, 'groupBy variables must be distinct').default(['area']),
    weighting: Weighting.nullable().default(null),
    bands: z
      .array(IndexBand)
      .min(1)
      .refine(
        (bands) => bands[0]!.from === 0 && bands.every((b, i) => i === 0 || b.from > bands[i - 1]!.from),
        'bands start at 0 and rise',
      )
      .default(DEFAULT_INDEX_BANDS),
  }),
);
export type ProjectSettings = z.infer<typeof ProjectSettings>;
export type ProjectSettingsInput = z.input<typeof ProjectSettings>;

export const Background = z.lazy(() =>
  z.strictObject({
    area: z.string().min(1).max(100).nullable().default(null),
    age_band: z.string().min(1).max(100).nullable().default(null),
    gender: z.string().min(1).max(100).nullable().default(null),
  }),
);
export type Background = z.infer<typeof Background>;

/** One value: a scale value, a choice, a yes/no, "dk", a text, a list of choices (checkbox), or null. */
export type AnswerValue = number | string | boolean | null | (string | number)[];
/**
 * An answer: a value, or for the questions with parts an object of them (a matrix: row -> column
 * value; a matrixdropdown: row -> column -> value; a multiple text: item -> text), or a list of
 * such objects (a dynamic panel). Indicators read values only (functions/core/questionnaire/
 * refuses the others as items), so the fold counts an object only by its JSON text.
 */
export type Answer = AnswerValue | AnswerObject | AnswerObject[];
export interface AnswerObject {
  [key: string]: Answer;
}

const answerValue_ = () =>
  z.union([
    z.number().finite(),
    z.string().max(5000),
    z.boolean(),
    z.null(),
    z.array(z.union([z.string().min(1).max(100), z.number().finite()])).max(1000),
  ]);
export const Answer: z.ZodType<Answer> = z.lazy(() =>
  z.union([answerValue_(), z.record(z.string(), Answer), z.array(z.record(z.string(), Answer)).max(1000)]),
);

export const Response = z.lazy(() =>
  z.strictObject({
    background: Background,
    answers: z.record(questionName(), Answer),
  }),
);
export type Response = z.infer<typeof Response>;

/** A stable key for a stratum: its values in the order of the strata variables. */
export function stratumKey(
  strata: readonly BackgroundVariable[],
  values: Readonly<Record<string, string | null>>,
): string {
  return JSON.stringify(strata.map((variable) => values[variable] ?? null));
}
