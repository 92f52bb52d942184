import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { globalsOf, loadDesired, planOptionsFrom, withVpp } from '../../apply/command-support.js';
import { ApplyError, ExecutionMonitor, sourceSuffix, type ExecutionSnapshot } from '../../apply/executor.js';
import { acquireLock } from '../../apply/lock.js';
import { createProgress } from '../../apply/progress.js';
import { applyDesired, planFor } from '../../apply/reconcile.js';
import { describeOp } from '../../plan/graph.js';
import { renderPlan, type PlanFormat } from '../../plan/render/index.js';
import { apiCalls } from '../../plan/render/text.js';

export interface ApplyFlags {
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

export async function run(files: string[], opts: ApplyFlags, cmd: Command): Promise<void> {
  const g = { ...globalsOf(cmd) };
  // --journal is --trace by another name: the same file, VPP's API-trace format.
  if (opts.journal !== undefined) g.trace = opts.journal;
  const { state, desired } = await loadDesired(files);
  const planOpts = planOptionsFrom(state, opts);
  const release = opts.dryRun ? undefined : await acquireLock(g.socket);
  const abort = new AbortController();
  const monitor = new ExecutionMonitor();
  let signalled: string | undefined;
  const onSignal = (sig: NodeJS.Signals) => () => {
    // A second signal, or SIGTERM while rolling back, ends vppstate now: say what is unknown.
    if (signalled !== undefined || (sig === 'SIGTERM' && monitor.snapshot()?.phase === 'rolling-back')) {
      process.stderr.write(
        `\nvppstate: ${sig} ${signalled !== undefined ? 'again' : 'during rollback'}: exiting now, without waiting for VPP.\n${abandonReport(monitor.snapshot())}\n`,
      );
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
    signalled = sig;
    process.stderr.write(
      `\nvppstate: ${sig}: stopping; no new calls are sent; ${opts.rollback ? 'rolling back what was done…' : 'keeping what was done (--no-rollback)'} (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to exit at once)\n`,
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
            monitor,
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
}

/** What is known and what is not when vppstate exits without waiting for VPP. */
export function abandonReport(s: ExecutionSnapshot | undefined): string {
  if (s === undefined) return 'Nothing had been sent to VPP yet: it is unchanged.';
  const lines: string[] = [];
  const unknown = [...s.inFlight, ...s.unknown];
  lines.push(`${s.done} of ${s.total} ops were done and acknowledged by VPP.`);
  if (s.phase === 'rolling-back') {
    lines.push(
      `Rollback had undone ${s.rollback.undone} of ${s.rollback.total}; ${s.rollback.total - s.rollback.undone} remain in VPP${s.rollback.current ? `; undoing this one was under way (outcome unknown): ${describeOp(s.rollback.current)}${sourceSuffix(s.rollback.current)}` : ''}.`,
    );
  }
  if (unknown.length > 0) {
    lines.push(`${unknown.length} ops were sent without a reply: VPP may or may not have done them:`);
    for (const op of unknown.slice(0, 10)) lines.push(`  ? ${describeOp(op)}${sourceSuffix(op)}`);
    if (unknown.length > 10) lines.push(`  … and ${unknown.length - 10} more`);
  }
  if (s.phase === 'finished' && s.done === s.total)
    lines.push('Reading VPP back to verify was cut short: run `vppstate drift` with the same documents.');
  else
    lines.push(
      s.done > 0 || unknown.length > 0
        ? 'VPP is partly changed: run `vppstate plan` with the same documents to see where it stands.'
        : 'Nothing was changed in VPP.',
    );
  return lines.join('\n');
}
