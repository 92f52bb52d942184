/**
 * Commands load their work only when they run: a command module declares its arguments, options
 * and help with commander alone, and names its action module, which holds the heavy imports
 * (client, config, planner, simulator...). `vppstate --help` or `vppstate validate` then never
 * loads what `apply` or `sim` need.
 *
 *   // commands/plan.ts (light: commander and cli/options only)
 *   program.command('plan')....action(lazyAction(() => import('./plan.run.js')));
 *   // commands/plan.run.ts (heavy)
 *   export async function run(files: string[], opts: PlanFlags, cmd: Command): Promise<void> { ... }
 *
 * test/cli/lazy-loading.test.ts checks that no command module reaches a heavy one statically.
 */

/** An action module: `run` receives what commander passes to an action. */
export interface ActionModule<A extends unknown[]> {
  run(...args: A): Promise<void> | void;
}

/** A commander action that imports its module on first call and runs it. */
export function lazyAction<A extends unknown[]>(
  load: () => Promise<ActionModule<A>>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const mod = await load();
    await mod.run(...args);
  };
}
