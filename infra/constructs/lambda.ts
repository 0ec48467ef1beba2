// A Node.js 22 arm64 Lambda of bygdpuls, from a bundle made by infra/bundle.ts, with its own log
// group and a role that may write only there (plus what the caller grants).
import { type CfnElement, type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { logGroup } from './logs.ts';

export interface BygdpulsFunctionProps {
  bundleDir: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  /** Built by apiVariables or foldVariables (functions/handlers/variables.ts), the handlers' contract. */
  environment: Record<string, string>;
  reservedConcurrentExecutions?: number;
}

export class BygdpulsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BygdpulsFunctionProps) {
    super(scope, id);
    this.logGroup = logGroup(this, 'Logs');
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new LambdaFunction(this, 'Function', {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(props.bundleDir),
      handler: 'index.handler',
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime this release is built and tested for (bundled for node22); moving to a newer runtime is a deliberate, tested upgrade.',
    });
  }

  /** Read and write access to the table and its index. */
  grantTable(table: Table): void {
    table.grantReadWriteData(this.role);
    const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason:
        "The only wildcard is the table's own index ARN (table/<name>/index/*), which the fold and the read path query; no other resource is reached.",
    });
  }
}
