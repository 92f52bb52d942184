import type { Plan } from '../plan.js';

/** The plan as the vppctl commands that would do the same, in execution order. */
export function renderCli(plan: Plan): string {
  if (plan.ops.length === 0) return '# nothing to do\n';
  return `${plan.ops.map((op) => op.call.cli).join('\n')}\n`;
}
