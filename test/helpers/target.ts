/**
 * One test, two VPPs: the same end-to-end scenario runs against the embedded simulator and,
 * where one can run, a real VPP (../shared/vpp). Where they differ, the simulator is wrong.
 *
 *   for (const target of TARGETS) describe(target, () => { ... startTarget(target, {...}) ... })
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { RecordingTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import { startSimulator, type HardwarePort, type Simulator } from '../../src/sim/index.js';
import { HAVE_REAL_VPP, startRealVpp, type RealVpp } from './real-vpp.js';

export type TargetName = 'sim' | 'vpp';

/** The targets this machine can run: the simulator always, the real VPP where it can run. */
export const TARGETS: readonly TargetName[] = HAVE_REAL_VPP ? ['sim', 'vpp'] : ['sim'];

export interface Target {
  readonly name: TargetName;
  readonly client: VppClient;
  readonly socket: string;
  /** The simulator, when the target is 'sim'. */
  readonly sim?: Simulator;
  /** The real VPP, when the target is 'vpp'. */
  readonly vpp?: RealVpp;
  /** Names of the requests this target's client sent, in order (counted at the transport). */
  sent(): string[];
  /** The same, without reads (dumps, pings, handshake). */
  writes(): string[];
  /** A new client on the same socket (the first is `client`). */
  connect(name?: string): Promise<VppClient>;
  close(): Promise<void>;
}

/** Requests that only read (dumps, their control_ping, get-table, cursors, handshake). */
export const isRead = (name: string): boolean =>
  name.endsWith('_dump') ||
  name.endsWith('_get') ||
  name.endsWith('_get_v2') ||
  name === 'control_ping' ||
  name === 'sw_interface_get_table' ||
  name === 'feature_is_enabled' ||
  name.startsWith('sockclnt_') ||
  name === 'get_api_json' ||
  name === 'memclnt_keepalive_reply' ||
  name === 'show_version' ||
  name === 'nat44_show_running_config' ||
  name === 'lcp_default_ns_get' ||
  name === 'cli_inband';

/** The names of the requests a client sent, in order, read from its recording transport. */
export function sentNames(client: VppClient, transport: RecordingTransport): () => string[] {
  const byId = new Map<number, string>();
  return () => {
    if (byId.size === 0)
      for (const [nameCrc, id] of client.messageTable) byId.set(id, nameCrc.replace(/_[0-9a-f]{8}$/, ''));
    return transport.frames
      .filter((f) => f.direction === 'out')
      .map((f) => byId.get(f.data.readUInt16BE(0)) ?? '?');
  };
}

export interface TargetOptions {
  /** Hardware ports (the real VPP gets them by name; MAC, MTU and speed are the simulator's). */
  readonly hardware?: readonly HardwarePort[];
  readonly timeoutMs?: number;
  /**
   * Whether the simulator can create taps (/dev/vhost-net). Default false: the hosts that run the
   * real VPP have none (tap_create_v3 and linux-cp pairs fail with -11), and both targets must agree.
   */
  readonly vhostNet?: boolean;
  /** The simulator's cursor services answer this many details per request (-165 after). */
  readonly pageSize?: number;
}

export async function startTarget(name: TargetName, opts: TargetOptions = {}): Promise<Target> {
  let socket: string;
  let sim: Simulator | undefined;
  let vpp: RealVpp | undefined;
  if (name === 'sim') {
    socket = join(mkdtempSync(join(tmpdir(), 'vppstate-target-')), 'api.sock');
    sim = await startSimulator({
      socket,
      hardware: opts.hardware,
      hostHasVhostNet: opts.vhostNet ?? false,
      cursorPageSize: opts.pageSize,
    });
  } else {
    vpp = await startRealVpp({ ports: (opts.hardware ?? []).map((h) => h.name) });
    socket = vpp.socket;
  }
  const clients: VppClient[] = [];
  const connect = async (clientName = 'vppstate-test'): Promise<VppClient> => {
    const c = await VppClient.connect({
      socket,
      name: clientName,
      timeoutMs: opts.timeoutMs ?? 10_000,
      reconnect: { retries: 5, minDelayMs: 20, maxDelayMs: 200 },
    });
    clients.push(c);
    return c;
  };
  const transport = new RecordingTransport(new UnixSocketTransport(socket));
  const client = await VppClient.connect({
    transport,
    name: 'vppstate-test',
    timeoutMs: opts.timeoutMs ?? 10_000,
    reconnect: { retries: 5, minDelayMs: 20, maxDelayMs: 200 },
  });
  clients.push(client);
  const sent = sentNames(client, transport);
  return {
    name,
    client,
    socket,
    sim,
    vpp,
    sent,
    writes: () => sent().filter((n) => !isRead(n)),
    connect,
    async close() {
      await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
      if (sim) await sim.close();
      if (vpp) await vpp.stop();
    },
  };
}

/**
 * One describe per target, titled `title('the simulator' | 'the real VPP')`, with the target
 * started before its tests (with `opts`) and closed after them; `client()` is its client.
 */
export function describeOnTargets(
  title: (where: string) => string,
  opts: TargetOptions,
  body: (client: () => VppClient, name: TargetName) => void,
): void {
  for (const name of TARGETS)
    describe(title(name === 'vpp' ? 'the real VPP' : 'the simulator'), () => {
      let t: Target | undefined;
      beforeAll(async () => {
        t = await startTarget(name, opts);
      }, 60_000);
      afterAll(async () => {
        await t?.close();
      });
      body(() => (t as Target).client, name);
    });
}
