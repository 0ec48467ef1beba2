// Alarms: API 5xx, Lambda errors and throttles, and the fold falling behind (the age of the
// oldest unfolded response, published by the fold).
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BEHIND_METRIC, METRIC_NAMESPACE } from '../../functions/handlers/foldMetric.ts';

export interface AlarmsProps {
  stage: string;
  httpApi: HttpApi;
  functions: Record<string, IFunction>;
  /** Alarm when the oldest unfolded response is older than this. */
  maxFoldLagSeconds: number;
}

export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const fiveMinutes = Duration.minutes(5);
    this.add(
      'Api5xx',
      props.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      1,
      'The API answered with a server error (5xx).',
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(
        `${name}Errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `The ${name} Lambda failed.`,
      );
      this.add(
        `${name}Throttles`,
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `The ${name} Lambda was throttled.`,
      );
    }
    const behind = new Metric({
      namespace: METRIC_NAMESPACE,
      metricName: BEHIND_METRIC,
      dimensionsMap: { Stage: props.stage },
      period: fiveMinutes,
      statistic: 'Maximum',
    });
    this.add(
      'FoldBehind',
      behind,
      props.maxFoldLagSeconds,
      `The oldest unfolded response is older than ${props.maxFoldLagSeconds} s: the fold is not keeping up or not running.`,
      TreatMissingData.BREACHING,
    );
  }

  private add(
    id: string,
    metric: Metric,
    threshold: number,
    description: string,
    missing = TreatMissingData.NOT_BREACHING,
  ): void {
    this.alarms.push(
      new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: missing,
        alarmDescription: description,
      }),
    );
  }
}
