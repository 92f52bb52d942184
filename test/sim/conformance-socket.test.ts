/**
 * The same reference transcripts, replayed through the real client (VppClient) over a Unix socket
 * against `startSimulator` — what the reconciler sees. The client rejects a negative retval with
 * VppApiError (only the retval is observable then) and follows cursors itself (only the
 * concatenated details are observable); everything else is compared field by field. The
 * handler-level suite (conformance.test.ts) compares the rest.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppApiError } from '../../src/api/client/errors.js';
import type { ApiMessage } from '../../src/api/types.js';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import {
  KNOWN_DIFFERENCES,
  matchUnordered,
  type Transcript,
  type TranscriptStep,
  compareValue,
  cursorIteration,
  volatileOf,
} from '../../src/sim/vpp/replay.js';
import { VPP_REFERENCE_DIR, describeWithReference } from '../helpers/shared.js';

const SERVER_ONLY = new Set(['sockclnt_create', 'get_api_json', 'show_version']);

function loadTranscripts(): Transcript[] {
  return readdirSync(VPP_REFERENCE_DIR)
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(VPP_REFERENCE_DIR, f), 'utf8')) as Transcript);
}

describeWithReference('conformance with the reference transcripts (VppClient over a Unix socket)', () => {
  let dir: string;
  let sim: Simulator;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-sim-'));
    sim = await startSimulator({ socket: join(dir, 'api.sock'), hostHasVhostNet: false });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const t of loadTranscripts()) {
    it(`${t.scenario}: every step answers as VPP did`, async () => {
      await sim.server.restart(); // a fresh VPP per scenario, as recorded
      const client = await VppClient.connect({ socket: sim.server.socketPath, timeoutMs: 5000 });
      const events: ApiMessage[] = [];
      client.on('sw_interface_event', (m) => events.push(m));
      const diffs: string[] = [];
      try {
        for (let i = 0; i < t.steps.length; i++) {
          const step = t.steps[i] as TranscriptStep;
          const name = step.call ?? step.dump;
          const known = KNOWN_DIFFERENCES.find((k) => k.scenario === t.scenario && k.step === step.step);
          const vol = volatileOf(t, step.step);
          const here: string[] = [];
          if (step.events) {
            await client.call('control_ping'); // every event of the previous call has arrived
            const exp = step.events.map((e) => ({ ...e, client_index: client.clientIndex }));
            compareValue(exp, events.splice(0), 'events', vol, here);
          } else if (name && !SERVER_ONLY.has(name)) {
            const args = (step.args ?? {}) as ApiMessage;
            if (step.round !== undefined) {
              if (step.round !== 1) continue;
              const it = cursorIteration(t, i);
              const got: ApiMessage[] = [];
              let retval = 0;
              try {
                for await (const d of client.detailsIter(name, args)) got.push(d);
              } catch (err) {
                if (!(err instanceof VppApiError)) throw err;
                retval = err.retval;
              }
              const v = new Set([...vol, ...it.steps.flatMap((s) => [...volatileOf(t, s.step)])]);
              compareValue(it.details, got, 'details', v, here);
              compareValue((it.reply?.retval as number) ?? 0, retval, 'reply.retval', v, here);
            } else if (step.dump) {
              const got = await client.dump(name, args);
              if (known?.unordered) here.push(...matchUnordered(step.details ?? [], got, vol));
              else compareValue(step.details ?? [], got, 'details', vol, here);
            } else {
              try {
                const reply = await client.call(name, args);
                compareValue(step.reply, reply, 'reply', vol, here);
              } catch (err) {
                if (!(err instanceof VppApiError)) throw err;
                compareValue(step.reply?.retval, err.retval, 'reply.retval', vol, here);
              }
            }
          }
          if (here.length > 0)
            diffs.push(...here.map((d) => `step ${step.step} (${name ?? 'events'}): ${d}`));
        }
        await client.call('control_ping');
        if (events.length > 0) diffs.push(`unexpected events: ${JSON.stringify(events)}`);
      } finally {
        await client.disconnect();
      }
      expect(diffs.slice(0, 40)).toEqual([]);
    }, 60_000);
  }
});
