/**
 * End-to-end harness: the simulator on a real Unix socket, the real VppClient, and a counter of
 * the messages that cross the socket (counted at the transport: every frame the client sends).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VppClient } from '../../src/api/client/client.js';
import { RecordingTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import type { HardwarePort } from '../../src/sim/index.js';
import { isRead, sentNames } from '../helpers/target.js';

export interface E2e {
  readonly sim: Simulator;
  readonly client: VppClient;
  readonly socket: string;
  /** Names of the requests received by the simulator, in order (counted at the server). */
  readonly received: string[];
  /** Names of the messages the client's transport sent, in order (counted at the transport). */
  sent(): string[];
  close(): Promise<void>;
}

export { isRead };

export async function startE2e(opts: { hardware?: readonly HardwarePort[] } = {}): Promise<E2e> {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-e2e-'));
  const socket = join(dir, 'api.sock');
  const sim = await startSimulator({ socket, hardware: opts.hardware });
  const received: string[] = [];
  // Count at the server: wrap every handler (the protocol server calls them per request frame).
  for (const [name, h] of Object.entries(sim.model.handlers)) {
    sim.server.register(name, (req) => {
      received.push(name);
      return h(req);
    });
  }
  const transport = new RecordingTransport(new UnixSocketTransport(socket));
  const client = await VppClient.connect({
    transport,
    timeoutMs: 5000,
    reconnect: { retries: 5, minDelayMs: 20, maxDelayMs: 200 },
  });
  const sent = sentNames(client, transport);
  return {
    sim,
    client,
    socket,
    received,
    sent,
    async close() {
      await client.disconnect().catch(() => undefined);
      await sim.close();
    },
  };
}

export function writesOf(received: readonly string[]): string[] {
  return received.filter((n) => !isRead(n));
}
