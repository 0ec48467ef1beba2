// The two languages bygdpuls speaks and the one shape of a message about one field: shared by the
// API, the command line and the pages (types only, so pages may import it).

export type Language = 'sv' | 'en';

/** A message about one input field (`answers.q1`, `weighting.population.2.area`). */
export interface FieldError {
  field: string;
  message: string;
}
