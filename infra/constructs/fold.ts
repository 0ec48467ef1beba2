// The fold: a Lambda on an EventBridge schedule (every minute), one at a time per table
// (reserved concurrency 1), with a timeout shorter than the settle window.
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { foldVariables } from '../../functions/handlers/variables.ts';
import { BygdpulsFunction } from './lambda.ts';

export interface FoldProps {
  bundleDir: string;
  table: Table;
  stage: string;
  settleMs: number;
}

export const FOLD_SCHEDULE = Schedule.rate(Duration.minutes(1));

export class Fold extends Construct {
  readonly handler: BygdpulsFunction;

  constructor(scope: Construct, id: string, props: FoldProps) {
    super(scope, id);
    const timeout = Duration.millis(props.settleMs).minus(Duration.seconds(10));
    this.handler = new BygdpulsFunction(this, 'Handler', {
      bundleDir: props.bundleDir,
      description: 'bygdpuls fold: responses into per-shard snapshots',
      timeout,
      memorySize: 1024,
      reservedConcurrentExecutions: 1,
      environment: foldVariables({ tableName: props.table.tableName, settleMs: props.settleMs, stage: props.stage }),
    });
    this.handler.grantTable(props.table);
    new Rule(this, 'Schedule', {
      schedule: FOLD_SCHEDULE,
      targets: [new LambdaFunction(this.handler.function, { retryAttempts: 0 })],
    });
  }
}
