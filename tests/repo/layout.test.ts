// The layout the README promises: files that fit in a head, one naming style, and the import
// directions between the layers and between bench/ and tests/.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root })
  .toString('utf8')
  .split('\n')
  .filter((file) => /\.(ts|js)$/.test(file))
  .filter((file) => {
    try {
      readFileSync(path.join(root, file));
      return true;
    } catch {
      return false;
    }
  });
const source = (file: string) => readFileSync(path.join(root, file), 'utf8');
const importsOf = (file: string) =>
  [...source(file).matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);

describe('the repository layout', () => {
  it('keeps every source file under functions/, web/src/, infra/ and bench/ at 500 lines or fewer', () => {
    const long = tracked
      .filter((file) => /^(functions|web\/src|infra|bench)\//.test(file))
      .map((file) => ({ file, lines: source(file).split('\n').length - 1 }))
      .filter(({ lines }) => lines > 500);
    expect(long).toEqual([]);
  });

  it('names source files in camelCase', () => {
    const names = tracked
      .filter((file) => /^(functions|web\/src|infra|bench|tests)\//.test(file))
      .filter((file) => !/^[a-z][A-Za-z0-9]*(\.[a-z]+)*\.(ts|js)$/.test(path.basename(file)));
    expect(names).toEqual([]);
  });

  it('lets bench/ import tests/ helpers, never the other way', () => {
    const wrong = tracked
      .filter((file) => file.startsWith('tests/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => path.resolve(path.dirname(path.join(root, file)), target).startsWith(`${root}/bench/`))
          .map((target) => `${file} -> ${target}`),
      );
    expect(wrong).toEqual([]);
  });

  it('keeps functions/core pure: it imports nothing else of ours and no I/O', () => {
    const wrong = tracked
      .filter((file) => file.startsWith('functions/core/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => {
            if (target.startsWith('.')) {
              const resolved = path.resolve(path.dirname(path.join(root, file)), target);
              return !resolved.startsWith(`${root}/functions/core/`);
            }
            return /^(node:|@aws-sdk|hono)/.test(target);
          })
          .map((target) => `${file} -> ${target}`),
      );
    expect(wrong).toEqual([]);
  });
});
