// Invitation codes: random, long enough that guessing one is hopeless, easy to type from a letter,
// and stored only as a keyed hash.
import { createHmac, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: nothing a resident could misread on paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;

/** A new code, shown as XXXXX-XXXXX: 31^10 (about 8 * 10^14, 49 bits) possible codes. */
export function newInvitationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a resident typed, as the code it means: case, spaces and dashes do not matter. */
export function normalizeCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return code.length === CODE_LENGTH && [...code].every((ch) => ALPHABET.includes(ch)) ? code : null;
}

export function hashCode(secret: string, normalizedCode: string): string {
  return createHmac('sha256', secret).update(normalizedCode).digest('base64url');
}
