// Alarms: API 5xx, Lambda errors and throttles, and the fold falling behind (the age of the
// oldest unfolded response, published by the fold). Each alarm notifies the stage's SNS topic
// (encrypted, HTTPS only); an address given as -c alarmEmail=... is subscribed to it.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { BEHIND_METRIC, METRIC_NAMESPACE } from '../../functions/handlers/foldMetric.ts';

export interface AlarmsProps {
  stage: string;
  httpApi: HttpApi;
  functions: Record<string, IFunction>;
  /** Alarm when the oldest unfolded response is older than this. */
  maxFoldLagSeconds: number;
  /** Subscribed to the alarms' topic (AWS sends it a confirmation link first). */
  email?: string | undefined;
}

export class Alarms extends Construct {
  readonly alarms: Alarm[] = [];
  /** Where every alarm goes: subscribe more endpoints (SMS, chat) to it as needed. */
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: `bygdpuls ${props.stage}: encrypts the alarm notifications`,
      enableKeyRotation: true,
      // Only notifications pass through it; nothing kept is encrypted with it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes to an encrypted topic only if it may use the topic's key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: `bygdpuls ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
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
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: missing,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }
}
