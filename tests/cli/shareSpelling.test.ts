// `bygdpuls compare` on a copy of the reference case clear-change whose yes/no column is spelt as
// other tools write it (Yes/No, LimeSurvey's Y/N, Ja/Nej, "yes " with a trailing space): exit 1
// naming the file, line and column and the allowed answers, never a result with every such
// answer counted as not positive.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { caseFileArgs, runCli } from '../support/cli.ts';

const reference = path.resolve(import.meta.dirname, '../fixtures/reference/clear-change');
const COLUMN = 'q_aware_project';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-share-'));
  for (const name of ['indicators.json', 'baseline.csv', 'followup.csv'])
    copyFileSync(path.join(reference, name), path.join(dir, name));
});

const file = (name: string) => path.join(dir, name);

/** Rewrites the share column's answers in one round's file. */
function respell(name: string, spelling: Record<string, string>): void {
  const lines = readFileSync(file(name), 'utf8').split('\n');
  const column = lines[0]!.split(',').indexOf(COLUMN);
  const out = lines.map((line, i) => {
    if (i === 0 || line === '') return line;
    const fields = line.split(',');
    fields[column] = spelling[fields[column]!] ?? fields[column]!;
    return fields.join(',');
  });
  writeFileSync(file(name), out.join('\n'));
}

const compare = () => runCli('compare', ...caseFileArgs(dir));

describe('compare on a yes/no share spelt otherwise', () => {
  it('reads the reference case as it is', async () => {
    const { code, stdout } = await compare();
    expect(code).toBe(0);
    expect(JSON.parse(stdout).indicators.aware.baseline.n).toBeGreaterThan(0);
  });

  it.each([
    [{ yes: 'Yes', no: 'No' }, '"Yes" is not one of yes, no; did you mean "yes"?'],
    [{ yes: 'Y', no: 'N' }, '"Y" is not one of yes, no'],
    [{ yes: 'Ja', no: 'Nej' }, '"Ja" is not one of yes, no'],
    [{ yes: 'yes ', no: 'no ' }, '"yes " is not one of yes, no; did you mean "yes"?'],
    [{ dk: 'DK' }, '"DK" is not one of yes, no; did you mean "dk"?'],
  ])('refuses %j: exit 1 naming the line and column', async (spelling, message) => {
    respell('baseline.csv', spelling);
    // The first row of baseline.csv that carries the respelt answer.
    const rows = readFileSync(file('baseline.csv'), 'utf8').split('\n');
    const column = rows[0]!.split(',').indexOf(COLUMN);
    const respelt = new Set(Object.values(spelling));
    const line = rows.findIndex((row, i) => i > 0 && respelt.has(row.split(',')[column]!)) + 1;
    expect(line).toBeGreaterThan(1);
    const { code, stdout, stderr } = await compare();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file('baseline.csv')}, line ${line}, column "${COLUMN}": ${message}`);
  });

  it('refuses the follow-up round spelt otherwise too', async () => {
    respell('followup.csv', { yes: 'Yes', no: 'No' });
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toContain(`${file('followup.csv')}, line 2, column "${COLUMN}": "Yes" is not one of yes, no`);
  });
});
