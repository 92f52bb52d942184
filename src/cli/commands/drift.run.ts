import type { Command } from 'commander';
import { globalsOf, loadDesired, planOptionsFrom, withVpp } from '../../apply/command-support.js';
import { planFor } from '../../apply/reconcile.js';
import { inSync } from '../../plan/plan.js';
import { renderPlan, type PlanFormat } from '../../plan/render/index.js';

export async function run(
  files: string[],
  opts: { format: PlanFormat; prune?: string; ignore?: string[] },
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd);
  const { state, desired } = await loadDesired(files);
  const { plan } = await withVpp(g, (vpp) => planFor(vpp, desired, planOptionsFrom(state, opts)));
  process.stdout.write(renderPlan(plan, opts.format, { color: g.color, mode: 'drift' }));
  process.exitCode = inSync(plan) ? 0 : 2;
}
