// One bygdpuls stage: data, secrets, API, fold, site and alarms, composed.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SETTLE_MS } from '../functions/handlers/variables.ts';
import { Alarms } from './constructs/alarms.ts';
import { Api } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { Fold } from './constructs/fold.ts';
import { Secrets } from './constructs/secrets.ts';
import { Web } from './constructs/web.ts';

export interface BygdpulsStackProps extends StackProps {
  stage: string;
  apiBundleDir: string;
  foldBundleDir: string;
  siteDir: string;
  /** https://origin of the site when it has its own domain (CORS allows exactly it). */
  siteOrigin?: string | undefined;
  /** Subscribed to the stage's alarm topic. */
  alarmEmail?: string | undefined;
}

/** The settle window the stack gives both Lambdas (defined with the variables they read). */
export { SETTLE_MS };

export class BygdpulsStack extends Stack {
  readonly data: Data;
  readonly api: Api;
  readonly fold: Fold;
  readonly web: Web;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: BygdpulsStackProps) {
    super(scope, id, props);
    this.data = new Data(this, 'Data');
    const secrets = new Secrets(this, 'Secrets');
    this.api = new Api(this, 'Api', {
      bundleDir: props.apiBundleDir,
      table: this.data.table,
      secrets,
      stage: props.stage,
      settleMs: SETTLE_MS,
      siteOrigin: props.siteOrigin,
    });
    this.fold = new Fold(this, 'Fold', {
      bundleDir: props.foldBundleDir,
      table: this.data.table,
      stage: props.stage,
      settleMs: SETTLE_MS,
    });
    this.web = new Web(this, 'Web', {
      siteDir: props.siteDir,
      httpApi: this.api.httpApi,
      originSecret: secrets.origin,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      stage: props.stage,
      httpApi: this.api.httpApi,
      functions: { Api: this.api.handler.function, Fold: this.fold.handler.function },
      maxFoldLagSeconds: 300,
      email: props.alarmEmail,
    });
    new CfnOutput(this, 'SiteUrl', {
      value: `https://${this.web.distribution.distributionDomainName}`,
      description: 'The site: /admin, /s/<round>, /dashboard/<project>',
    });
    new CfnOutput(this, 'AdminTokenSecret', {
      value: secrets.adminToken.secretArn,
      description:
        'The first administrator token: aws secretsmanager get-secret-value --secret-id <this> --query SecretString --output text',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'AlarmTopic', {
      value: this.alarms.topic.topicArn,
      description: 'Every alarm notifies this SNS topic (-c alarmEmail=you@example.org subscribes an address)',
    });
  }
}
