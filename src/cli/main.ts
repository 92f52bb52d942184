#!/usr/bin/env node
import { packageVersion } from './version.js';

// `vppstate … | head`: a reader that stops early is no reason to crash (nor to stop an apply
// half-way): the rest of the output is dropped.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

// Scripts probe for the tool with --version: answer it before loading anything else.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { run } = await import('./program.js');
  process.exitCode = await run(process.argv);
}
