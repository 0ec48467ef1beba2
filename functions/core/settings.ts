// Settings read from an environment (the Lambda's, or `npm start`'s): the schema pieces and the
// one reader that turns a bad value into a message naming the variable. zod only; the caller
// passes the environment in, so this stays pure.
//
// Written with zod/mini (the same zod, its functional form): these schemas are built and used once,
// at a Lambda's cold start, and a mini schema costs a fraction of a classic one to build (classic
// schemas attach their methods to every instance). docs/BENCH.md, "Lambda cold import".
import * as z from 'zod/mini';

/** A variable that must be set, with what it should hold (the message when it does not). */
export function text(expected: string, pattern?: RegExp) {
  const schema = z.string({ error: expected });
  return pattern
    ? schema.check(z.minLength(1, { error: expected }), z.regex(pattern, { error: expected }))
    : schema.check(z.minLength(1, { error: expected }));
}

/** A whole number from `minimum` to `maximum`, written in digits. */
export function wholeNumber(expected: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  return z
    .pipe(text(expected, /^\d+$/), z.transform(Number))
    .check(z.refine((value) => value >= minimum && value <= maximum, { error: expected }));
}

/** An environment is not what the code needs: the message names each variable. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/**
 * Parses the environment once (at cold start); throws an EnvironmentError naming each bad
 * variable and what it should hold. `whose` starts the message.
 */
export function readVariables<S extends z.ZodMiniType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  whose = 'the Lambda environment',
): z.output<S> {
  // An empty variable counts as not set, as it always has here.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  // Parsed once: zod's compiled fast path would cost more to build than it saves.
  const result = z.safeParse(schema, given, { jitless: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const value = given[name];
    const found = value === undefined ? 'is not set' : `is ${JSON.stringify(value)}`;
    return `${name} ${found}; expected ${issue.message}`;
  });
  throw new EnvironmentError(`${whose}: ${problems.join('; ')}`);
}
