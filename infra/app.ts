// The CDK app: one stack per stage (npx cdk deploy -c stage=soderkoping), checked by cdk-nag's
// AwsSolutions rules on every synthesis.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildWeb } from '../web/build.ts';
import { bundleLambda, stageSite } from './bundle.ts';
import { BygdpulsStack } from './stack.ts';

export async function createApp(
  app = new App(),
  options: { buildWeb?: boolean } = {},
): Promise<{ app: App; stack: BygdpulsStack }> {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z0-9-]{1,32}$/.test(stage))
    throw new Error(`stage "${stage}": lower-case letters, digits and dashes, at most 32`);
  const domain = app.node.tryGetContext('domain') as string | undefined;
  if (options.buildWeb ?? true) await buildWeb();
  const stack = new BygdpulsStack(app, `bygdpuls-${stage}`, {
    stage,
    apiBundleDir: bundleLambda('api'),
    foldBundleDir: bundleLambda('fold'),
    siteDir: stageSite(),
    siteOrigin: domain ? `https://${domain}` : undefined,
    description: `bygdpuls, stage ${stage}`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (process.argv[1] && import.meta.filename === (await import('node:fs')).realpathSync(process.argv[1])) {
  const { app } = await createApp();
  app.synth();
}
