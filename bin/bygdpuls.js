#!/usr/bin/env node
// Launcher: runs the TypeScript CLI through tsx's loader (no build step needed).
import { register } from 'tsx/esm/api';

// The AWS SDK warns on Node 20 that its 2027 releases will need Node 22; the deployed Lambdas run
// Node 22, and on one machine the warning only clutters the terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
