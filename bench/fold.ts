// Benchmark part "fold": foldRound's responses per second over a round of settled responses, next to raw Query items per second through the same shards' time index on the same dynalite.
import { DeleteItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { foldRound } from '../functions/fold/fold.ts';
import type { Item } from '../functions/store/attributes.ts';
import { shardPartition, SNAPSHOT_SORT_KEY } from '../functions/store/keys.ts';
import { BY_TIME_INDEX } from '../functions/store/table.ts';
import type { Round } from '../functions/store/types.ts';
import { batchWrite, responseItems, storedResponses } from './responses.ts';
import { createProject, createRound, seconds, SETTLE_MS, startStack, type BenchStack } from './stack.ts';
import { round } from './statistics.ts';

export const FOLD_TARGET_RATIO = 0.8;
/** The page size of the fold's queries: eventsAfter(..., Math.min(batchSize, 1000)) with the default batch of 5000. */
export const FOLD_PAGE_SIZE = 1000;

export interface FoldOptions {
  /** Responses in the round. */
  count: number;
  /** Timed pairs (raw pass, fold), taking turns; the rates are all responses over all seconds. */
  runs: number;
  log?: (line: string) => void;
}

export interface FoldFigures {
  perSecond: number;
  rawPerSecond: number;
  ratio: number;
  target: number;
  pass: boolean;
  count: number;
  /** Writing the round with BatchWriteItem (not timed in the figures). */
  setup: { seconds: number; itemsPerSecond: number };
  runs: { perSecond: number[]; rawPerSecond: number[] };
  method: Record<string, string>;
}

/** Pages through every shard of the round on the time index (all shards at once, as foldRound does); returns the items read. */
export async function rawTimeIndexPass(stack: BenchStack, target: Round, pageSize = FOLD_PAGE_SIZE): Promise<number> {
  const perShard = await Promise.all(
    Array.from({ length: target.shards }, async (_, shard) => {
      let items = 0;
      let start: Item | undefined;
      do {
        const page = await stack.client.send(
          new QueryCommand({
            TableName: stack.tableName,
            IndexName: BY_TIME_INDEX,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: shardPartition(target.id, shard) } },
            ConsistentRead: true,
            Limit: pageSize,
            ExclusiveStartKey: start,
          }),
        );
        items += page.Items?.length ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  return perShard.reduce((a, b) => a + b, 0);
}

/** Deletes the round's snapshots, so that the next fold starts from nothing again. */
async function resetSnapshots(stack: BenchStack, target: Round): Promise<void> {
  for (let shard = 0; shard < target.shards; shard++) {
    await stack.client.send(
      new DeleteItemCommand({
        TableName: stack.tableName,
        Key: { pk: { S: shardPartition(target.id, shard) }, sk: { S: SNAPSHOT_SORT_KEY } },
      }),
    );
  }
}

export async function measureFold(options: FoldOptions): Promise<FoldFigures> {
  const { count, runs } = options;
  const log = options.log ?? (() => {});
  const stack = await startStack();
  try {
    const project = await createProject(stack, 'Bench: fold');
    const target = await createRound(stack, project, 'baseline', 'fold');

    // Setup: the responses as the store writes them, an hour old (long settled), 25 per BatchWriteItem.
    log(`  fold setup: writing ${count} responses with BatchWriteItem ... `);
    const setupStarted = process.hrtime.bigint();
    const items = await responseItems(
      target,
      storedResponses(stack.template, count, { seed: 7, lift: 0, firstTs: Date.now() - 60 * 60 * 1000 }),
    );
    await batchWrite(stack.client, stack.tableName, items);
    const setupSeconds = seconds(setupStarted);
    log(`${setupSeconds.toFixed(1)} s\n`);

    // Warm-up, untimed: one raw pass and one fold.
    await rawTimeIndexPass(stack, target);
    await foldRound(stack.store, target, { now: Date.now(), settleMs: SETTLE_MS });
    await resetSnapshots(stack, target);

    const perSecond: number[] = [];
    const rawPerSecond: number[] = [];
    let foldTotal = 0;
    let rawTotal = 0;
    const rawPass = async () => {
      const rawStarted = process.hrtime.bigint();
      const read = await rawTimeIndexPass(stack, target);
      const rawSeconds = seconds(rawStarted);
      if (read !== count) throw new Error(`fold: the raw pass read ${read} items, not ${count}`);
      rawPerSecond.push(count / rawSeconds);
      rawTotal += rawSeconds;
      return `raw Query pass ${(count / rawSeconds).toFixed(0)} items/s`;
    };
    const foldPass = async () => {
      const foldStarted = process.hrtime.bigint();
      const result = await foldRound(stack.store, target, { now: Date.now(), settleMs: SETTLE_MS });
      const foldSeconds = seconds(foldStarted);
      if (result.folded !== count || result.lost !== 0)
        throw new Error(`fold: folded ${result.folded} (lost ${result.lost}), expected ${count}`);
      perSecond.push(count / foldSeconds);
      foldTotal += foldSeconds;
      await resetSnapshots(stack, target);
      return `foldRound ${(count / foldSeconds).toFixed(0)} responses/s`;
    };
    for (let run = 1; run <= runs; run++) {
      // The two take turns going first, so that neither always follows the other.
      const passes = run % 2 === 1 ? [rawPass, foldPass] : [foldPass, rawPass];
      log(`  fold run ${run}/${runs}: `);
      const lines: string[] = [];
      for (const pass of passes) lines.push(await pass());
      log(`${lines.join(', ')}\n`);
    }

    const fold = (runs * count) / foldTotal;
    const raw = (runs * count) / rawTotal;
    const ratio = fold / raw;
    return {
      perSecond: round(fold, 1),
      rawPerSecond: round(raw, 1),
      ratio: round(ratio, 3),
      target: FOLD_TARGET_RATIO,
      pass: ratio >= FOLD_TARGET_RATIO,
      count,
      setup: { seconds: round(setupSeconds, 2), itemsPerSecond: round(count / setupSeconds, 1) },
      runs: { perSecond: perSecond.map((v) => round(v, 1)), rawPerSecond: rawPerSecond.map((v) => round(v, 1)) },
      method: {
        perSecond: `${runs} runs x ${count} / seconds of foldRound (default batch of 5000) over a round of ${count} settled responses in ${target.shards} shards, from no snapshot (the snapshots are deleted after each run); rate = all responses / all seconds; raw pass and fold take turns, each going first in every other run`,
        rawPerSecond: `${runs} runs x ${count} / seconds to page through the same ${target.shards} shards at once on the ${BY_TIME_INDEX} index (Query, ConsistentRead, Limit ${FOLD_PAGE_SIZE}), items counted but not decoded`,
        setup:
          "items made by the store's own responses.put code, written with BatchWriteItem (25 per call, 4 calls in flight)",
      },
    };
  } finally {
    await stack.close();
  }
}
