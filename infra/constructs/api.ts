// The API: the Hono app in a Lambda behind an HTTP API (API Gateway v2), throttled, with access
// logs, CORS only for the site's own origin.
import { Duration, Validations } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { apiVariables } from '../../functions/handlers/variables.ts';
import type { Secrets } from './secrets.ts';
import { BygdpulsFunction } from './lambda.ts';
import { logGroup } from './logs.ts';

export interface ApiProps {
  bundleDir: string;
  table: Table;
  secrets: Secrets;
  stage: string;
  settleMs: number;
  /** https://example.org when the site has its own domain; CORS then allows exactly that origin. */
  siteOrigin?: string | undefined;
  /** Submissions per client address and open round in a minute (default 20; 0: no limit). */
  submissionsPerMinutePerAddress?: number | undefined;
}

export const API_TIMEOUT = Duration.seconds(10);
export const API_THROTTLE = { rateLimit: 200, burstLimit: 400 };

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly handler: BygdpulsFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.handler = new BygdpulsFunction(this, 'Handler', {
      bundleDir: props.bundleDir,
      description: 'bygdpuls API (Hono)',
      timeout: API_TIMEOUT,
      memorySize: 1024,
      environment: apiVariables({
        tableName: props.table.tableName,
        signingSecretArn: props.secrets.signing.secretArn,
        codeSecretArn: props.secrets.codes.secretArn,
        originSecretArn: props.secrets.origin.secretArn,
        adminTokenSecretArn: props.secrets.adminToken.secretArn,
        settleMs: props.settleMs,
        stage: props.stage,
        publicUrl: props.siteOrigin,
        submissionsPerMinutePerAddress: props.submissionsPerMinutePerAddress,
      }),
    });
    this.handler.grantTable(props.table);
    const { signing, codes, origin, adminToken } = props.secrets;
    for (const secret of [signing, codes, origin, adminToken]) secret.grantRead(this.handler.role);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'bygdpuls API',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Lambda', this.handler.function),
      ...(props.siteOrigin
        ? {
            corsPreflight: {
              allowOrigins: [props.siteOrigin],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
              allowHeaders: ['authorization', 'content-type', 'accept-language'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = logGroup(this, 'AccessLogs');
    new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorization is in the app: every route declares its role and the Hono middleware checks a signed token on every non-public route (a route-table test proves it). The public routes (survey, submission, health) are public by design.',
    });
  }
}
