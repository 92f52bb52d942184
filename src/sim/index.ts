/**
 * The embedded VPP: the protocol server (src/sim/server.ts) serving the simulator's own
 * definitions, with the behaviour model (src/sim/vpp) behind it.
 */
import type { Logger } from 'pino';
import { ApiDefinitions, BUNDLED_MEMCLNT } from '../api/definitions/index.js';
import { SIM_API_FILES } from './definitions/vpp.js';
import { SimServer } from './server.js';
import { type HardwarePort, type VppModel, VPP_VERSION, createVppModel } from './vpp/index.js';

export { createVppModel, VPP_VERSION } from './vpp/index.js';
export type { HardwarePort, ModelOptions, VppModel } from './vpp/index.js';
export { SIM_API_FILES } from './definitions/vpp.js';
export { SimServer } from './server.js';

export interface SimulatorOptions {
  /** Unix socket path to listen on. */
  readonly socket: string;
  /** Pre-existing hardware ports (after local0, in this order). */
  readonly hardware?: readonly HardwarePort[];
  /** Whether tap creation works (linux-cp pairs, tap_create_v3); default true. */
  readonly hostHasVhostNet?: boolean;
  /** Details per round of cursor services before -165 (default 1000). */
  readonly cursorPageSize?: number;
  /** The host's network namespaces (linux-cp pairs elsewhere fail -12); default: all exist. */
  readonly namespaces?: readonly string[];
  /**
   * .api modules to leave out of the message table, as a VPP without those plugins (`nat44_ed`,
   * `sample`, `lcp`…): their messages are unknown to clients.
   */
  readonly withoutPlugins?: readonly string[];
  readonly logger?: Logger;
}

export interface Simulator {
  readonly server: SimServer;
  readonly model: VppModel;
  readonly definitions: ApiDefinitions;
  close(): Promise<void>;
}

/**
 * Every definition the simulator serves: memclnt (the server's) and the simulated VPP's, but for
 * the .api modules left out (`withoutPlugins`).
 */
export function simulatorDefinitions(withoutPlugins: readonly string[] = []): ApiDefinitions {
  const out = new Set(withoutPlugins);
  return ApiDefinitions.fromFiles([
    { file: 'core/memclnt.api.json', json: BUNDLED_MEMCLNT },
    ...SIM_API_FILES.filter((f) => !out.has(f.file.replace(/^.*\//, '').replace(/\.api\.json$/, ''))),
  ]);
}

/** Starts the simulator on `socket`; a restart (server.restart()) wipes the model's state. */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const definitions = simulatorDefinitions(opts.withoutPlugins);
  const model = createVppModel({
    hardware: opts.hardware,
    hostHasVhostNet: opts.hostHasVhostNet,
    cursorPageSize: opts.cursorPageSize,
    namespaces: opts.namespaces,
  });
  const server = await SimServer.start({
    socket: opts.socket,
    definitions,
    handlers: model.handlers,
    logger: opts.logger,
    version: VPP_VERSION,
  });
  server.onRestart(() => model.reset());
  return { server, model, definitions, close: () => server.close() };
}
