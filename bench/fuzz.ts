// `npm run fuzz`: the hostile-input properties of tests/fuzz with many more generated inputs
// (10,000 per property by default) against the real local server on 127.0.0.1 and the CSV
// readers. Prints the answers per status and the outcomes per property, the time, and exits
// non-zero on any failure.
//   npm run fuzz -- [--runs N] [--seed S] [--only routes|csv]
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { compareProperties, csvReaderProperties, csvWorkspace, newCsvTally } from '../tests/fuzz/csvProperties.ts';
import { checkIdeaTotals, ideaStates } from '../tests/fuzz/ideaPrivacy.ts';
import { checkStoredTotals, newTally, routeProperties } from '../tests/fuzz/routeProperties.ts';
import { startFuzzTarget } from '../tests/fuzz/target.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' }, only: { type: 'string' } },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
let failures = 0;

async function run<Ts>(name: string, property: fc.IAsyncPropertyWithHooks<Ts>, numRuns: number): Promise<void> {
  const started = performance.now();
  const details = await fc.check(property, { numRuns, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (details.failed) {
    failures++;
    console.log(`FAIL  ${name}: after ${details.numRuns} runs, ${seconds} s`);
    console.log(
      `      ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance)
        .split('\n')
        .slice(0, 8)
        .join('\n      ')}`,
    );
    console.log(
      `      input: ${JSON.stringify(details.counterexample, (_key, value) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value))?.slice(0, 1000)}`,
    );
    console.log(`      replay: --seed ${seed}  (path ${details.counterexamplePath})`);
  } else {
    console.log(`ok    ${name}: ${details.numRuns} inputs, ${seconds} s`);
  }
}

const started = performance.now();
console.log(`bygdpuls fuzz: ${runs} inputs per property, seed ${seed}`);

if (values.only !== 'csv') {
  const target = await startFuzzTarget({ codes: 2_000 });
  const initial = new Map<string, number>();
  for (const round of [target.openRound, target.inviteRound, target.closedRound])
    initial.set(round, await target.storedCount(round));
  const tally = newTally();
  for (const { name, property } of routeProperties(target, tally)) await run(`routes: ${name}`, property, runs);
  const problems = await checkStoredTotals(target, tally, initial);
  for (const problem of problems) console.log(`FAIL  stored counts: ${problem}`);
  failures += problems.length;
  const ideaProblems = await checkIdeaTotals(target, tally.ideas);
  for (const problem of ideaProblems) console.log(`FAIL  stored ideas: ${problem}`);
  failures += ideaProblems.length;
  const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
  console.log(`      ${tally.cases} requests; by status: ${statuses.join(', ')}`);
  console.log(
    `      stored with 201: ${[...tally.storedByRound.values()].reduce((a, b) => a + b, 0)}; every round's count equals its 201s: ${problems.length === 0 ? 'yes' : 'NO'}`,
  );
  const { ideas } = tally;
  console.log(
    `      ideas acknowledged with 201: ${ideas.acknowledged.length}; stored exactly those, in their moderated states: ${ideaProblems.length === 0 ? 'yes' : 'NO'}`,
  );
  console.log(
    `      ideas by state now: ${JSON.stringify(ideaStates(ideas))}; moderation requests: ${JSON.stringify(Object.fromEntries(ideas.moves))}`,
  );
  console.log(
    `      public answers checked for private or unpublished data: ${tally.publicAnswers} (boards ${tally.boards}); secrets sent: ${ideas.secret.size}`,
  );
  await target.close();
}

if (values.only !== 'routes') {
  const workspace = csvWorkspace();
  const tally = newCsvTally();
  for (const { name, property } of csvReaderProperties(workspace, tally)) await run(`csv: ${name}`, property, runs);
  for (const { name, property } of await compareProperties(workspace, tally)) await run(`csv: ${name}`, property, runs);
  workspace.close();
  console.log(
    `      ${tally.cases} files; outcomes: ${[...tally.outcomes.entries()].map(([outcome, n]) => `${outcome}: ${n}`).join(', ')}`,
  );
}

console.log(`${failures === 0 ? 'PASS' : 'FAIL'} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failures === 0 ? 0 : 1);
