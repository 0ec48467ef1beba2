// Bad input to `bygdpuls compare`: a non-zero exit, a message naming the file, line and column,
// and nothing on stdout.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { caseFileArgs, runCli } from '../support/cli.ts';

const root = path.resolve(import.meta.dirname, '../..');
const reference = path.join(root, 'tests/fixtures/reference');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bygdpuls-cli-'));
  for (const name of ['indicators.json', 'baseline.csv', 'followup.csv', 'population.csv']) {
    copyFileSync(path.join(reference, 'weighted-by-area', name), path.join(dir, name));
  }
});

const file = (name: string) => path.join(dir, name);

/** Replaces line `line` (1-based) of a file in the temp case. */
function editLine(name: string, line: number, edit: (text: string) => string): void {
  const lines = readFileSync(file(name), 'utf8').split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  writeFileSync(file(name), lines.join('\n'));
}

const compare = (extra: string[] = []) => runCli('compare', ...caseFileArgs(dir), ...extra);

describe('bygdpuls compare on bad input', () => {
  it('names the column when an indicator item is missing from a file', async () => {
    editLine('followup.csv', 1, (header) => header.replace('q_pride_village', 'q_pride'));
    const { code, stdout, stderr } = await compare();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file('followup.csv')}, line 1`);
    expect(stderr).toContain('no column "q_pride_village", an item of indicator "pride_village"');
  });

  it('names file, line and column of a value outside the scale', async () => {
    editLine('baseline.csv', 7, (row) =>
      row
        .split(',')
        .map((v, i) => (i === 4 ? '11' : v))
        .join(','),
    );
    const { code, stdout, stderr } = await compare();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `${file('baseline.csv')}, line 7, column "q_nki_overall": value 11 is outside the scale 1..10`,
    );
  });

  it('names the line and column of a row with the wrong number of fields', async () => {
    editLine('followup.csv', 12, (row) => `${row},extra`);
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toContain(`${file('followup.csv')}, line 12, column 10: this row has 10 fields, the header has 9`);
  });

  it('says so when a file is empty', async () => {
    writeFileSync(file('baseline.csv'), '');
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toContain(`${file('baseline.csv')}, line 1: the file is empty`);
  });

  it('names the data line and column of a stratum the population file misses', async () => {
    writeFileSync(file('population.csv'), readFileSync(file('population.csv'), 'utf8').replace(/^Frövi,.*\n/m, ''));
    const { code, stdout, stderr } = await compare();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const firstFrovi =
      readFileSync(file('baseline.csv'), 'utf8')
        .split('\n')
        .findIndex((l) => l.split(',')[1] === 'Frövi') + 1;
    expect(stderr).toContain(
      `${file('baseline.csv')}, line ${firstFrovi}, column "area": the population figures have no stratum area "Frövi"`,
    );
  });

  it('gives the line and column of broken JSON in the indicators file', async () => {
    writeFileSync(file('indicators.json'), '{\n  "alpha": 0.05,\n  "indicators": [,]\n}\n');
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${file('indicators.json')}, line 3, column 18: not valid JSON`));
  });

  it('names the definition that is wrong', async () => {
    const json = JSON.parse(readFileSync(file('indicators.json'), 'utf8'));
    json.indicators[1].scale = [5, 1];
    writeFileSync(file('indicators.json'), JSON.stringify(json));
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toContain('indicators[1].scale: a scale is [lowest, highest] with lowest < highest');
  });

  it('refuses a population figure that is not a positive number', async () => {
    editLine('population.csv', 3, () => 'Vedevåg,many');
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toContain(`${file('population.csv')}, line 3, column 2: population "many" is not a positive number`);
  });

  it('names a file that does not exist', async () => {
    const { code, stderr } = await compare(['--population', file('nope.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${file('nope.csv')}: no such file`);
  });

  it('reports an unclosed quote with the line where the field starts', async () => {
    editLine('followup.csv', 5, (row) => row.replace(/^([^,]*),/, '$1,"Ramsberg'));
    const { code, stderr } = await compare();
    expect(code).toBe(1);
    expect(stderr).toContain(`${file('followup.csv')}, line 5`);
  });

  it('exits 2 with the usage on a bad command line', async () => {
    let stderr = '';
    const code = await main(['compare', '--indicators', 'x.json'], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toContain('compare needs --baseline');
  });
});

describe('bygdpuls compare on good input', () => {
  it('reads quoted fields, CRLF line ends and a byte-order mark', async () => {
    const plain = await compare();
    const text = readFileSync(file('baseline.csv'), 'utf8');
    const quoted = text
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : line.replace(/^([^,]*),([^,]*),/, '"$1","$2",')))
      .join('\r\n');
    writeFileSync(file('baseline.csv'), `\uFEFF${quoted}`);
    const again = await compare();
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(plain.stdout);
  });

  it('prints a table with Swedish or English labels', async () => {
    const sv = await compare(['--format', 'table']);
    expect(sv.code).toBe(0);
    expect(sv.stdout).toContain('Nollmätning');
    expect(sv.stdout).toContain('Uppföljning');
    expect(sv.stdout).toContain('viktat');
    expect(sv.stdout).toContain('undertryckt (n < 5)');
    const en = await compare(['--format', 'table', '--lang', 'en']);
    expect(en.stdout).toContain('Baseline');
    expect(en.stdout).toContain('suppressed (n < 5)');
  });

  it('exits non-zero with nothing on stdout as a real process', async () => {
    writeFileSync(file('followup.csv'), '');
    const run = promisify(execFile);
    const failure = await run(process.execPath, [
      path.join(root, 'bin/bygdpuls.js'),
      'compare',
      '--indicators',
      file('indicators.json'),
      '--baseline',
      file('baseline.csv'),
      '--followup',
      file('followup.csv'),
    ]).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in failure ? failure.code : 0).toBe(1);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toContain('the file is empty');
  });
});
