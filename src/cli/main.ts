#!/usr/bin/env node
import { packageVersion } from './version.js';

// Scripts probe for the tool with --version: answer it before loading anything else.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { run } = await import('./program.js');
  process.exitCode = await run(process.argv);
}
