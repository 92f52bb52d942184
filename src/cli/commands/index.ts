import type { Command } from 'commander';

/** Each command lives in its own module and registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
commands.push((await import('./plan.js')).registerPlan);
commands.push((await import('./apply.js')).registerApply);
commands.push((await import('./drift.js')).registerDrift);
commands.push((await import('./export.js')).registerExport);
commands.push((await import('./validate.js')).registerValidate);
commands.push((await import('./sim.js')).registerSim);
