import type { Command } from 'commander';
import { registerApi } from './api.js';
import { registerApply } from './apply.js';
import { registerCall } from './call.js';
import { registerDrift } from './drift.js';
import { registerExport } from './export.js';
import { registerGen } from './gen.js';
import { registerPlan } from './plan.js';
import { registerRun } from './run.js';
import { registerSim } from './sim.js';
import { registerTrace } from './trace.js';
import { registerValidate } from './validate.js';

/** Each command lives in its own module and registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

/** In the order `--help` lists them. */
export const commands: RegisterCommand[] = [
  registerValidate,
  registerPlan,
  registerApply,
  registerDrift,
  registerExport,
  registerRun,
  registerSim,
  registerApi,
  registerCall,
  registerTrace,
  registerGen,
];
