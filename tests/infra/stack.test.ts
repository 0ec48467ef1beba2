// The stack, synthesized offline and checked on its template: every property the deployment
// promises, and cdk-nag's AwsSolutions rules with no unacknowledged finding.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../functions/api/headers.ts';
import { ORIGIN_HEADER } from '../../functions/handlers/originCheck.ts';
import { createApp } from '../../infra/app.ts';
import { ApiVariables, FoldVariables } from '../../functions/handlers/variables.ts';
import { SETTLE_MS } from '../../infra/stack.ts';
import { ensureWebBuilt } from '../browser/harness.ts';

let template: Template;
let app: App;

beforeAll(async () => {
  await ensureWebBuilt(); // npm test builds the pages first; the stack stages what is built
  ({ app } = await createApp(new App({ context: { stage: 'test' } }), { buildWeb: false }));
  const stack = app.node.findChild('bygdpuls-test') as import('aws-cdk-lib').Stack;
  template = Template.fromStack(stack);
}, 120_000);

let withDomain: Promise<Template> | undefined;
/** The stack of a stage with its own domain (synthesized once, on first use). */
const templateWithDomain = () =>
  (withDomain ??= createApp(new App({ context: { stage: 'withdomain', domain: 'enkat.example.se' } }), {
    buildWeb: false,
  }).then(({ app: other }) =>
    Template.fromStack(other.node.findChild('bygdpuls-withdomain') as import('aws-cdk-lib').Stack),
  ));

const ourFunctions = (of: Template = template) =>
  Object.values(
    of.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('^bygdpuls') },
    }),
  );
const variableNames = (fn: ReturnType<typeof ourFunctions>[number]) =>
  Object.keys(fn.Properties.Environment.Variables).sort();

describe('the data', () => {
  it('is one on-demand table with point-in-time recovery, encryption, deletion protection, kept on removal, and the time index', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        LocalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'byTime',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'tsKey', KeyType: 'RANGE' },
            ],
          }),
        ],
      },
    });
  });
});

describe('the functions', () => {
  it('run Node.js 22 on arm64, bundled, with their own log groups', () => {
    const functions = ourFunctions();
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeTruthy();
    }
  });

  it('runs the fold every minute, one at a time, with a timeout shorter than the settle window', () => {
    const fold = ourFunctions().find((fn) => fn.Properties.Description.includes('fold'))!;
    expect(fold.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fold.Properties.Timeout * 1000).toBeLessThan(SETTLE_MS);
    expect(fold.Properties.Environment.Variables.SETTLE_MS).toBe(String(SETTLE_MS));
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
  });

  it('gives the API the table, the secrets by ARN (read at start), and a timeout well under the settle window', () => {
    const api = ourFunctions().find((fn) => fn.Properties.Description.includes('API'))!;
    const variables = api.Properties.Environment.Variables;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        'TABLE_NAME',
        'SIGNING_SECRET_ARN',
        'CODE_SECRET_ARN',
        'ADMIN_TOKEN_SECRET_ARN',
        'SETTLE_MS',
      ]),
    );
    expect(api.Properties.Timeout * 1000).toBeLessThan(SETTLE_MS / 2);
    template.resourceCountIs('AWS::SecretsManager::Secret', 4);
  });

  it('keeps invitation codes on a secret of their own, so that the signing secret can rotate without voiding letters', () => {
    const variables = ourFunctions().find((fn) => fn.Properties.Description.includes('API'))!.Properties.Environment
      .Variables;
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    const idOf = (reference: { Ref: string }) => reference.Ref;
    const codes = idOf(variables.CODE_SECRET_ARN);
    const signing = idOf(variables.SIGNING_SECRET_ARN);
    expect(codes).not.toBe(signing);
    // The code secret is the stack's first secret (construct id 'Signing'): same logical id, same
    // secret as before the split, so the stored code hashes still match; it outlives the stack.
    expect(codes).toMatch(/^SecretsSigning/);
    expect(secrets[codes]!.DeletionPolicy).toBe('Retain');
    expect(signing).toMatch(/^SecretsTokenSigning/);
  });

  it('set exactly the variables the handlers read, named by one schema (functions/handlers/variables.ts)', async () => {
    const named = (schema: { shape: object }) => Object.keys(schema.shape).sort();
    const find = (functions: ReturnType<typeof ourFunctions>, what: string) =>
      functions.find((fn) => fn.Properties.Description.includes(what))!;
    expect(variableNames(find(ourFunctions(), 'fold'))).toEqual(named(FoldVariables));
    // PUBLIC_URL only with a domain of its own
    expect(variableNames(find(ourFunctions(), 'API'))).toEqual(named(ApiVariables).filter((n) => n !== 'PUBLIC_URL'));
    const other = ourFunctions(await templateWithDomain());
    expect(variableNames(find(other, 'API'))).toEqual(named(ApiVariables));
    expect(find(other, 'API').Properties.Environment.Variables.PUBLIC_URL).toBe('https://enkat.example.se');
  }, 120_000);
});

describe('the HTTP API', () => {
  it('is an HTTP API with throttling and access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('allows no other origin without a domain, and exactly the site origin with one', async () => {
    const api = template.findResources('AWS::ApiGatewayV2::Api');
    expect(Object.values(api)[0]!.Properties.CorsConfiguration).toBeUndefined();
    const other = await templateWithDomain();
    other.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://enkat.example.se'] }),
    });
  }, 120_000);
});

describe('the site', () => {
  it('is a private bucket behind CloudFront with origin access control and HTTPS only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: Match.anyValue(),
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: Match.arrayWith(['POST']),
          }),
        ],
        Logging: Match.anyValue(),
      }),
    });
  });

  it('sends the security headers: CSP without inline scripts, HSTS, nosniff, no framing, no referrer', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: PAGE_CSP, Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000, Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        },
      }),
    });
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(PAGE_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("leaves the API's own, stricter headers on /api/* (no response headers policy there)", () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution!.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api.ResponseHeadersPolicyId).toBeUndefined();
  });

  it('sends the API a secret origin header, which the API requires (the execute-api endpoint is no way round)', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const origins = distribution!.Properties.DistributionConfig.Origins as {
      CustomOriginConfig?: unknown;
      OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    }[];
    const apiOrigin = origins.find((o) => o.CustomOriginConfig)!;
    const header = apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === ORIGIN_HEADER)!;
    // A dynamic reference to the origin secret, resolved by CloudFormation: never a literal.
    const value = JSON.stringify(header.HeaderValue);
    expect(value).toContain('resolve:secretsmanager');
    expect(value).toMatch(/SecretsOrigin/);
    const api = ourFunctions().find((fn) => fn.Properties.Description.includes('API'))!;
    expect(api.Properties.Environment.Variables.ORIGIN_SECRET_ARN).toEqual({
      Ref: expect.stringMatching(/^SecretsOrigin/),
    });
  });
});

describe('alarms and outputs', () => {
  it('alarms on API 5xx, Lambda errors and throttles, and the fold falling behind', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/ApiGateway/5xx',
        'AWS/Lambda/Errors',
        'AWS/Lambda/Throttles',
        'Bygdpuls/OldestUnfoldedAgeSeconds',
      ]),
    );
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(2);
  });

  it('notifies one encrypted, HTTPS-only SNS topic from every alarm', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(1);
    const [topicId, topic] = Object.entries(topics)[0]!;
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    // CloudWatch may use the key, or it could not publish to the encrypted topic.
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      }),
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasOutput('AlarmTopic', { Value: { Ref: topicId } });
  });

  it('subscribes the address given as -c alarmEmail, and refuses one that is not an address', async () => {
    const { stack } = await createApp(new App({ context: { stage: 'mailed', alarmEmail: 'drift@example.org' } }), {
      buildWeb: false,
    });
    const mailed = Template.fromStack(stack);
    const topicId = Object.keys(mailed.findResources('AWS::SNS::Topic'))[0]!;
    mailed.resourceCountIs('AWS::SNS::Subscription', 1);
    mailed.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@example.org',
      TopicArn: { Ref: topicId },
    });
    await expect(
      createApp(new App({ context: { stage: 'unmailed', alarmEmail: 'drift' } }), { buildWeb: false }),
    ).rejects.toThrow('alarmEmail "drift": an e-mail address');
  }, 120_000);

  it("costs what the README's cost table says: as many alarms as it counts", () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const row = /^\| alarms +\| (\d+) x \$0\.10 .*\| \$(\d+\.\d\d) +\|$/m.exec(readme);
    expect(row, 'the README has an alarms row in its cost table').not.toBeNull();
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length;
    expect(Number(row![1])).toBe(alarms);
    expect(row![2]).toBe((alarms * 0.1).toFixed(2));
  });

  it('outputs the site URL and where the first admin token is', () => {
    template.hasOutput('SiteUrl', {});
    template.hasOutput('AdminTokenSecret', {});
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('finds nothing unacknowledged in the stack', () => {
    expect(() => app.synth({ force: true })).not.toThrow();
  });

  it('fails the synthesis on a finding that nobody acknowledged', async () => {
    const { app: broken, stack } = await createApp(new App({ context: { stage: 'broken' } }), { buildWeb: false });
    new Bucket(stack, 'Careless'); // no SSL enforcement, no access logs
    expect(() => broken.synth()).toThrow(/AwsSolutions-S(1|10)/);
    // and the acknowledgement mechanism is the one the stack uses
    expect(typeof Validations.of(stack).acknowledge).toBe('function');
    expect(AwsSolutionsChecks).toBeTruthy();
  }, 120_000);
});
