// The reader thread's code as one plain JavaScript file: bundled by esbuild (tsx's own dependency)
// from roundWorker.ts on first use and kept in a cache folder until one of its sources changes.
// A thread started from it loads in tens of milliseconds, where one that registers tsx and
// compiles the TypeScript itself takes several hundred (and a loader thread of its own).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./roundWorker.ts', import.meta.url));
const ROOT = path.resolve(path.dirname(ENTRY), '../..');

interface Manifest {
  bundle: string;
  /** Every source file of the bundle (ours and zod's): [size, mtime in ms]. */
  inputs: Record<string, [number, number]>;
}

/** Where the bundle may be kept: under node_modules/.cache, else in the temporary folder. */
function cacheFolders(): string[] {
  return [path.join(ROOT, 'node_modules/.cache/bygdpuls'), path.join(os.tmpdir(), `bygdpuls-${os.userInfo().uid}`)];
}

async function fingerprint(file: string): Promise<[number, number] | null> {
  try {
    const stats = await stat(file);
    return [stats.size, stats.mtimeMs];
  } catch {
    return null;
  }
}

/** The cached bundle of a folder, when every source is as it was when the bundle was made. */
async function cached(folder: string): Promise<string | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(folder, 'reader.json'), 'utf8')) as Manifest;
    const bundle = path.join(folder, manifest.bundle);
    const files = Object.entries(manifest.inputs);
    const now = await Promise.all([bundle, ...files.map(([file]) => file)].map(fingerprint));
    if (now[0] === null) return null;
    const same = files.every(([, was], i) => now[i + 1]?.[0] === was[0] && now[i + 1]?.[1] === was[1]);
    return same ? bundle : null;
  } catch {
    return null;
  }
}

/**
 * The path of the reader thread's bundle, made now if the cached one is missing or stale; null
 * when esbuild cannot be loaded (the caller then starts the thread from the TypeScript source).
 */
export async function readerBundle(): Promise<string | null> {
  const folders = cacheFolders();
  for (const folder of folders) {
    const bundle = await cached(folder);
    if (bundle) return bundle;
  }
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
  });
  await esbuild.stop();
  const code = result.outputFiles[0]!.contents;
  const name = `reader-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  const inputs: Manifest['inputs'] = {};
  let stable = true;
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(ROOT, input);
    const print = await fingerprint(file);
    // A source changed while it was bundled: use this bundle once, but do not keep it.
    if (print === null || print[1] >= started) stable = false;
    else inputs[file] = print;
  }
  for (const folder of folders) {
    try {
      await mkdir(folder, { recursive: true });
      const bundle = path.join(folder, name);
      const partial = `${bundle}.${process.pid}.partial`;
      await writeFile(partial, code);
      await rename(partial, bundle);
      if (stable) {
        const manifest: Manifest = { bundle: name, inputs };
        await writeFile(`${path.join(folder, 'reader.json')}.${process.pid}`, JSON.stringify(manifest));
        await rename(`${path.join(folder, 'reader.json')}.${process.pid}`, path.join(folder, 'reader.json'));
      }
      return bundle;
    } catch {
      // not writable: the next folder
    }
  }
  return null;
}
