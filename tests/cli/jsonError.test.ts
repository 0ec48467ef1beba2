import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../functions/cli/jsonError.ts';

describe('jsonErrorOffset', () => {
  it('accepts everything JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => jsonErrorOffset(JSON.stringify(value, null, 2)) === null));
  });

  it.each([
    ['{"a": [1, 2,]}', 12],
    ['{"a" 1}', 5],
    ['[tru]', 4],
    ['{"a": "x\u0001"}', 8],
    ['[1] 2', 4],
    ['', 0],
  ])('finds the offending character in %j', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
