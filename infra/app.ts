// The CDK app: one stack per stage (npx cdk deploy -c stage=soderkoping), checked by cdk-nag's
// AwsSolutions rules on every synthesis. -c domain=... limits CORS to the site's own origin;
// -c alarmEmail=... subscribes an address to the stage's alarms.
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
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  if (alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(alarmEmail)))
    throw new Error(`alarmEmail "${alarmEmail}": an e-mail address, such as drift@example.org`);
  if (options.buildWeb ?? true) await buildWeb();
  const stack = new BygdpulsStack(app, `bygdpuls-${stage}`, {
    stage,
    apiBundleDir: bundleLambda('api'),
    foldBundleDir: bundleLambda('fold'),
    siteDir: stageSite(),
    siteOrigin: domain ? `https://${domain}` : undefined,
    alarmEmail,
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
