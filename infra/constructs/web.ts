// The site: a private S3 bucket behind CloudFront (origin access control, HTTPS only, security
// headers), with /api/* sent to the HTTP API so that site and API share one origin. The API keeps
// its own, stricter headers, and answers only requests carrying CloudFront's secret origin header.
import { type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PAGE_CSP } from '../../functions/api/headers.ts';
import { ORIGIN_HEADER } from '../../functions/handlers/originCheck.ts';

export interface WebProps {
  siteDir: string;
  httpApi: HttpApi;
  /** Sent to the API in ORIGIN_HEADER: the API refuses requests that did not come through here. */
  originSecret: Secret;
}

/** Paths of the single-page routes to their HTML files (the same as the local server's). */
export const ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' ) { return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/admin' } } }; }
  if (uri.indexOf('/s/') === 0) request.uri = '/survey.html';
  else if (uri.indexOf('/i/') === 0) request.uri = '/ideas.html';
  else if (uri === '/admin' || uri.indexOf('/admin/') === 0) request.uri = '/admin.html';
  else if (uri.indexOf('/dashboard/') === 0 || uri.indexOf('/report/') === 0) request.uri = '/dashboard.html';
  else if (uri.indexOf('/funder-report/') === 0) request.uri = '/funder-report.html';
  return request;
}`;

export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      // Kept when a stage is removed (a bucket with files cannot be deleted by CloudFormation).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'bygdpuls security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: PAGE_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    const routing = new CloudFrontFunction(this, 'Routing', {
      code: FunctionCode.fromInline(ROUTING_FUNCTION),
      comment: 'bygdpuls page routes',
    });
    const apiDomain = `${props.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'bygdpuls site and API',
      defaultRootObject: '',
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        functionAssociations: [{ function: routing, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          // CloudFormation resolves the secret into the distribution's origin configuration.
          origin: new HttpOrigin(apiDomain, {
            customHeaders: { [ORIGIN_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          // No response headers policy: the API's own headers (a stricter CSP) pass unchanged.
          compress: true,
        },
      },
    });
    for (const [rule, reason] of [
      [
        'AwsSolutions-CFR1',
        'A municipal survey is answered by residents wherever they are (also abroad, e.g. summer residents); no country is excluded.',
      ],
      [
        'AwsSolutions-CFR2',
        "AWS WAF costs more at rest than the whole stack; API Gateway throttling and the app's own checks bound abuse. A WAF web ACL can be attached per stage when needed.",
      ],
      [
        'AwsSolutions-CFR4',
        'The default CloudFront certificate (*.cloudfront.net) does not allow choosing the minimum TLS version; with a custom domain the certificate and TLSv1.2_2021 are set.',
      ],
    ] as const) {
      Validations.of(this.distribution).acknowledge({ id: rule, reason });
    }

    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.siteDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
    });
    // The deployment's helper Lambda is created by the CDK (a singleton at stack level). cdk-nag
    // reports each wildcard as its own finding, so each is acknowledged by its exact id.
    const stack = Stack.of(this);
    const shown = (value: string, token: string) => (Token.isUnresolved(value) ? `<${token}>` : value);
    const qualifier = String(this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? 'hnb659fds');
    const assets = `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${shown(stack.account, 'AWS::AccountId')}-${shown(stack.region, 'AWS::Region')}/*`;
    const siteArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`;
    const findings: [string, string][] = [
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "The CDK's BucketDeployment helper writes its own logs with the AWS managed basic execution role; it runs only during deployments.",
      ],
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
        (action): [string, string] => [
          `AwsSolutions-IAM5[Action::${action}]`,
          "The CDK's BucketDeployment helper copies and prunes the site's files: object-level actions on the asset bucket and the site bucket only.",
        ],
      ),
      [
        `AwsSolutions-IAM5[Resource::${assets}]`,
        "The CDK's BucketDeployment helper reads the site's zipped asset from the CDK asset bucket.",
      ],
      [
        `AwsSolutions-IAM5[Resource::${siteArn}]`,
        "The CDK's BucketDeployment helper writes every object of the site bucket (and only that bucket).",
      ],
      [
        'AwsSolutions-IAM5[Resource::*]',
        'CloudFront invalidations cannot be scoped to one distribution in IAM; the helper invalidates only this distribution.',
      ],
      [
        'AwsSolutions-L1',
        "The runtime of the CDK's BucketDeployment helper is chosen by aws-cdk-lib and follows its releases.",
      ],
    ];
    const helpers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const target of [deployment, ...helpers]) {
      for (const [id, reason] of findings) Validations.of(target).acknowledge({ id, reason });
    }
  }
}
