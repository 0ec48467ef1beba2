// Lambda entry point of the fold, run by an EventBridge schedule: folds every round, then
// publishes how far behind it is (the age of the oldest unfolded response) as a CloudWatch
// metric through the embedded metric format (a log line; no extra API call).
import { foldAll } from '../fold/fold.ts';
import { storeFromEnv } from './storeEnvironment.ts';
import { BEHIND_METRIC, METRIC_NAMESPACE } from './foldMetric.ts';

const environment = storeFromEnv();

export async function handler(): Promise<{
  rounds: number;
  folded: number;
  lost: number;
  oldestUnfoldedAgeSeconds: number;
}> {
  const now = Date.now();
  const result = await foldAll(environment.store, { now, settleMs: environment.settleMs });
  const oldestUnfoldedAgeSeconds =
    result.oldestUnfoldedTs === null ? 0 : Math.max(0, (now - result.oldestUnfoldedTs) / 1000);
  console.log(
    JSON.stringify({
      _aws: {
        Timestamp: now,
        CloudWatchMetrics: [
          {
            Namespace: METRIC_NAMESPACE,
            Dimensions: [['Stage']],
            Metrics: [
              { Name: BEHIND_METRIC, Unit: 'Seconds' },
              { Name: 'FoldedResponses', Unit: 'Count' },
            ],
          },
        ],
      },
      Stage: environment.stage,
      [BEHIND_METRIC]: oldestUnfoldedAgeSeconds,
      FoldedResponses: result.folded,
    }),
  );
  return { rounds: result.rounds, folded: result.folded, lost: result.lost, oldestUnfoldedAgeSeconds };
}
