import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import { parse as parseYaml } from 'yaml';
import type { ApiMessage } from '../../api/types.js';
import { ConfigValidationError } from '../../config/errors.js';
import { loadConfig } from '../../config/load.js';
import { VppstateError } from '../../errors.js';
import { type HardwarePort, type Simulator, startSimulator } from '../../sim/index.js';
import type { SimHandler } from '../../sim/types.js';
import type { GlobalOptions } from '../program.js';
import { int } from './sim.js';

export interface SimCommandOptions {
  socket: string;
  hardware?: string[];
  hardwareFile?: string;
  /** vppstate documents whose hardware interfaces become the simulator's ports. */
  hardwareFrom?: string[];
  state?: string;
  vhostNet?: boolean;
  pageSize?: number;
  withoutPlugin?: string[];
  netns?: string[];
  fail?: Array<{ msg: string; n: number; retval: number }>;
  delay?: Array<{ msg?: string; ms: number }>;
  stall?: string[];
  dropAfter?: number;
  slowReader?: number;
  quiet?: boolean;
  logLevel?: string;
}

export class SimConfigError extends VppstateError {
  constructor(message: string) {
    super('SIM_CONFIG', message);
  }
}

/** `--hardware NAME` or `NAME,mac=..,mtu=..,speed=..`; `--hardware-file` holds a YAML list of {name, mac, mtu, speed}. */
export function hardwarePorts(opts: Pick<SimCommandOptions, 'hardware' | 'hardwareFile'>): HardwarePort[] {
  const out: HardwarePort[] = [];
  if (opts.hardwareFile) {
    const doc = parseYaml(readFileSync(opts.hardwareFile, 'utf8')) as unknown;
    const list = Array.isArray(doc) ? doc : (doc as { hardware?: unknown } | null)?.hardware;
    if (!Array.isArray(list))
      throw new SimConfigError(
        `${opts.hardwareFile}: expected a list of hardware ports (or hardware: [...])`,
      );
    for (const h of list as unknown[]) {
      if (typeof h === 'string') out.push({ name: h });
      else if (h && typeof h === 'object' && typeof (h as { name?: unknown }).name === 'string')
        out.push(h as HardwarePort);
      else throw new SimConfigError(`${opts.hardwareFile}: each hardware port needs a name`);
    }
  }
  for (const spec of opts.hardware ?? []) {
    const [name, ...kv] = spec.split(',');
    const port: { name: string; mac?: string; mtu?: number; speed?: number } = { name: name as string };
    for (const item of kv) {
      const [k, v] = item.split('=') as [string, string | undefined];
      if (k === 'mac' && v) port.mac = v;
      else if ((k === 'mtu' || k === 'speed') && v) port[k] = int(v, k);
      else throw new SimConfigError(`--hardware ${spec}: unknown setting ${item} (mac=, mtu=, speed=)`);
    }
    out.push(port);
  }
  const names = new Set<string>();
  for (const p of out) {
    if (!/^[A-Za-z][\w/.:-]*$/.test(p.name) || p.name === 'local0')
      throw new SimConfigError(`invalid hardware port name: ${p.name}`);
    if (names.has(p.name)) throw new SimConfigError(`hardware port ${p.name} declared twice`);
    names.add(p.name);
  }
  return out;
}

/**
 * The hardware ports documents configure (interfaces vppstate never creates or deletes), in name
 * order (the model's). The files are one configuration split over several files, or several
 * configurations each valid on its own (the examples): the ports are then their union. Invalid
 * documents are reported as `validate` does.
 */
export async function hardwareFromDocuments(files: readonly string[]): Promise<HardwarePort[]> {
  const joint = await loadConfig(files);
  let states = [joint.state];
  if (!joint.valid) {
    const each = await Promise.all(files.map((f) => loadConfig([f])));
    if (each.some((l) => !l.valid)) throw new ConfigValidationError(joint.errors);
    states = each.map((l) => l.state);
  }
  const names = new Set<string>();
  for (const s of states)
    for (const i of Object.values(s.interfaces))
      if (i.kind === 'hardware' && i.name !== 'local0') names.add(i.name);
  return [...names].map((name) => ({ name }));
}

/** Every port the options name: --hardware-file, --hardware, then those of --hardware-from not named yet. */
export async function allHardwarePorts(
  opts: Pick<SimCommandOptions, 'hardware' | 'hardwareFile' | 'hardwareFrom'>,
): Promise<HardwarePort[]> {
  const ports = hardwarePorts(opts);
  if (!opts.hardwareFrom?.length) return ports;
  const named = new Set(ports.map((p) => p.name));
  for (const p of await hardwareFromDocuments(opts.hardwareFrom)) if (!named.has(p.name)) ports.push(p);
  return ports;
}

function brief(msg: ApiMessage): string {
  const { _vl_msg_id: _id, client_index: _ci, context: _ctx, ...args } = msg;
  const s = JSON.stringify(args, (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
  );
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/** Wraps every handler so that each call is logged with its outcome. */
function logged(handlers: Record<string, SimHandler>, write: (line: string) => void): void {
  for (const [name, h] of Object.entries(handlers)) {
    handlers[name] = async (req) => {
      const res = await h(req);
      const retval = res.reply?.fields.retval;
      const n = res.details ? ' (details)' : '';
      write(
        `${new Date().toISOString()} client ${req.client.index} ${name} ${brief(req.msg)}${typeof retval === 'number' ? ` -> ${retval}` : ''}${n}\n`,
      );
      return res;
    };
  }
}

/** Runs the simulator until `signal` aborts; writes the state snapshot when asked. */
export async function runSimulator(
  opts: SimCommandOptions,
  signal: AbortSignal,
  out: (line: string) => void = (l) => process.stdout.write(l),
  onStarted?: (sim: Simulator) => void,
): Promise<Simulator> {
  const hardware = await allHardwarePorts(opts);
  const sim = await startSimulator({
    socket: opts.socket,
    hardware,
    hostHasVhostNet: opts.vhostNet !== false,
    cursorPageSize: opts.pageSize,
    withoutPlugins: opts.withoutPlugin,
    namespaces: opts.netns,
    logger: pino({ level: opts.logLevel ?? 'warn' }, pino.destination(2)),
  });
  if (!opts.quiet) {
    // the server holds the handler map it was given: wrap that one in place
    logged(sim.model.handlers, out);
    for (const [name, h] of Object.entries(sim.model.handlers)) sim.server.register(name, h);
  }
  const f = sim.server.faults;
  for (const x of opts.fail ?? []) f.failNth(x.msg, x.n, x.retval);
  const perMsg: Record<string, number> = {};
  for (const d of opts.delay ?? []) {
    if (d.msg) perMsg[d.msg] = d.ms;
    else f.delay(d.ms);
  }
  if (Object.keys(perMsg).length) f.delay(perMsg);
  for (const m of opts.stall ?? []) f.stall(m);
  if (opts.dropAfter !== undefined) f.dropAfter(opts.dropAfter);
  if (opts.slowReader !== undefined) f.slowReader(opts.slowReader);
  out(
    `vppstate sim: VPP v26.10 simulator listening on ${opts.socket}` +
      `${hardware.length ? ` with ${hardware.map((h) => h.name).join(', ')}` : ''} (Ctrl-C to stop, SIGHUP to restart)\n`,
  );
  onStarted?.(sim);
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  if (opts.state) writeFileSync(opts.state, `${JSON.stringify(sim.model.snapshot(), null, 2)}\n`);
  await sim.close();
  return sim;
}

export async function run(_opts: unknown, cmd: Command): Promise<void> {
  const o = cmd.optsWithGlobals<SimCommandOptions & GlobalOptions>();
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let sim: Simulator | undefined;
  const restart = (): void => {
    process.stdout.write('vppstate sim: SIGHUP: restarting (state wiped, message ids reshuffled)\n');
    void sim?.server.restart();
  };
  process.on('SIGHUP', restart);
  try {
    await runSimulator(o, ac.signal, undefined, (s) => {
      sim = s;
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.off('SIGHUP', restart);
  }
  process.exitCode = 0;
}
