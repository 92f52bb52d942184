import type { Command } from 'commander';
import type { VppCaller } from '../api/types.js';
import type { ObjectSet } from '../model/kinds/types.js';
import { stateToObjects } from '../model/live.js';
import type { State } from '../model/types.js';
import type { PlanOptions, PruneMode } from '../plan/plan.js';
import { connectVpp, loadDocuments, type ConnectOptions } from './session.js';

/** The CLI's global options as the reconciler commands read them. */
export interface Globals extends ConnectOptions {
  readonly color: boolean;
  readonly logLevel?: string;
}

export { ignoreOption, pruneOption } from './command-options.js';

/** Plan options: flags override the documents' settings section. */
export function planOptionsFrom(state: State, flags: { prune?: string; ignore?: string[] }): PlanOptions {
  const ignore: Record<string, string[]> = {};
  for (const [section, pats] of Object.entries(state.settings?.ignore ?? {})) ignore[section] = [...pats];
  for (const spec of flags.ignore ?? []) {
    const i = spec.indexOf(':');
    const kind = i > 0 ? spec.slice(0, i) : 'interface';
    (ignore[kind] ??= []).push(i > 0 ? spec.slice(i + 1) : spec);
  }
  const absent: Record<string, string[]> = {};
  for (const [section, ids] of Object.entries(state.absent ?? {})) absent[section] = [...ids];
  return {
    prune: (flags.prune as PruneMode | undefined) ?? state.settings?.prune ?? 'owned',
    ignore,
    absent,
  };
}

export interface Loaded {
  readonly state: State;
  readonly desired: ObjectSet;
}

export async function loadDesired(files: readonly string[]): Promise<Loaded> {
  const { state, positions } = await loadDocuments(files);
  return { state, desired: stateToObjects(state, positions) };
}

/** Connects, runs fn, always disconnects. */
export async function withVpp<T>(g: Globals, fn: (caller: VppCaller) => Promise<T>): Promise<T> {
  const client = await connectVpp(g);
  try {
    return await fn(client);
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

export function globalsOf(cmd: Command): Globals {
  const g = cmd.optsWithGlobals<{
    socket: string;
    apiDir?: string;
    timeout: number;
    reconnectTimeout?: number;
    color: boolean;
    logLevel: string;
    trace?: string;
  }>();
  // picocolors-style: honour NO_COLOR and non-TTY output as well as --no-color.
  const color = g.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true;
  return {
    socket: g.socket,
    apiDir: g.apiDir,
    timeout: g.timeout,
    reconnectTimeout: g.reconnectTimeout,
    color,
    logLevel: g.logLevel,
    trace: g.trace,
  };
}
