import { createInterface } from 'node:readline/promises';
import { Option, type Command } from 'commander';
import {
  globalsOf,
  ignoreOption,
  loadDesired,
  planOptionsFrom,
  pruneOption,
  withVpp,
} from '../../apply/command-support.js';
import { ApplyError } from '../../apply/executor.js';
import { acquireLock } from '../../apply/lock.js';
import { createProgress } from '../../apply/progress.js';
import { applyDesired, planFor } from '../../apply/reconcile.js';
import { describeOp } from '../../plan/graph.js';
import { PLAN_FORMATS, renderPlan, type PlanFormat } from '../../plan/render/index.js';
import { apiCalls } from '../../plan/render/text.js';
import type { RegisterCommand } from './index.js';

interface ApplyFlags {
  format: PlanFormat;
  dryRun?: boolean;
  yes?: boolean;
  rollback: boolean;
  verify: boolean;
  journal?: string;
  quiet?: boolean;
  prune?: string;
  ignore?: string[];
  concurrency: string;
}

async function confirm(): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const a = await rl.question('Apply these changes to VPP? Only "yes" is accepted: ');
    return a.trim() === 'yes';
  } finally {
    rl.close();
  }
}

export const registerApply: RegisterCommand = (program: Command) => {
  program
    .command('apply')
    .description('plan, apply to VPP (retry, rollback on failure), then verify by reading back')
    .argument('<files...>', 'YAML files or directories')
    .addOption(
      new Option('--format <format>', 'how to print the plan').choices([...PLAN_FORMATS]).default('text'),
    )
    .option('--dry-run', 'plan only, change nothing')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .option('--no-rollback', 'on failure keep what was done instead of undoing it')
    .option('--no-verify', 'skip reading back after apply')
    .option(
      '--journal <file>',
      'record every message sent and received to FILE, with timing (the same as the global --trace FILE)',
    )
    .option('-q, --quiet', 'no plan, no progress; errors only')
    .option('--concurrency <n>', 'API calls in flight at once', '256')
    .addOption(pruneOption())
    .addOption(ignoreOption())
    .action(async (files: string[], opts: ApplyFlags, cmd: Command) => {
      const g = { ...globalsOf(cmd) };
      if (opts.journal !== undefined) g.trace = opts.journal;
      const { state, desired } = await loadDesired(files);
      const planOpts = planOptionsFrom(state, opts);
      const release = opts.dryRun ? undefined : await acquireLock(g.socket);
      const abort = new AbortController();
      let signalled: string | undefined;
      const onSignal = (sig: string) => () => {
        if (signalled) return;
        signalled = sig;
        process.stderr.write(
          `\nvppstate: ${sig}: stopping; no new calls are sent; ${opts.rollback ? 'rolling back what was done…' : 'keeping what was done (--no-rollback)'}\n`,
        );
        abort.abort();
      };
      const onInt = onSignal('SIGINT');
      const onTerm = onSignal('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      try {
        await withVpp(g, async (vpp) => {
          const planned = await planFor(vpp, desired, planOpts);
          if (!opts.quiet || opts.dryRun)
            process.stdout.write(renderPlan(planned.plan, opts.format, { color: g.color }));
          if (opts.dryRun || planned.plan.ops.length === 0) {
            process.exitCode = 0;
            return;
          }
          const progress = createProgress({ quiet: opts.quiet });
          try {
            const out = await applyDesired(
              vpp,
              desired,
              {
                ...planOpts,
                rollback: opts.rollback,
                verify: opts.verify,
                signal: abort.signal,
                concurrency: Number(opts.concurrency) || 256,
                onProgress: (d, t) => progress.update(d, t),
                onRetry: (op, err, attempt) => {
                  if (!opts.quiet)
                    process.stderr.write(
                      `retry ${attempt}: ${'kind' in op ? describeOp(op) : op.message}: ${err instanceof Error ? err.message : String(err)}\n`,
                    );
                },
                confirm: async () => opts.yes || !process.stdin.isTTY || (await confirm()),
              },
              planned,
            );
            progress.stop();
            if (out.cancelled) {
              process.stderr.write('Apply cancelled; nothing was changed.\n');
              process.exitCode = 1;
              return;
            }
            // Machine formats keep stdout to the plan alone; the outcome goes to stderr then.
            const say = opts.format === 'text' ? process.stdout : process.stderr;
            if (!opts.quiet)
              say.write(
                `Applied ${apiCalls(out.result?.done ?? 0)}${out.result?.retries ? ` (${out.result.retries} retried)` : ''}${
                  out.verified
                    ? '; verified: VPP matches the documents'
                    : opts.verify
                      ? ''
                      : ' (not verified: --no-verify)'
                }.\n`,
              );
            process.exitCode = 0;
          } catch (err) {
            progress.stop();
            if (err instanceof ApplyError && signalled) {
              throw new ApplyError(`interrupted by ${signalled}: ${err.message}`, err.result);
            }
            throw err;
          }
        });
      } finally {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        await release?.();
      }
    });
};
