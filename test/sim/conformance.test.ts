/**
 * Conformance with a real VPP v26.10: every step of every reference transcript, replayed against a
 * fresh behaviour model per scenario, directly through its handlers (the socket replay through the
 * real client is conformance-socket.test.ts). Known differences are listed below with their reason.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { ApiMessage } from '../../src/api/types.js';
import type { SimClient, SimResponse } from '../../src/sim/types.js';
import { createVppModel } from '../../src/sim/vpp/index.js';
import {
  type Answer,
  type Transcript,
  type TranscriptStep,
  compareValue,
  KNOWN_DIFFERENCES,
  matchUnordered,
  cursorIteration,
  volatileOf,
} from '../../src/sim/vpp/replay.js';
import { VPP_REFERENCE_DIR, describeWithReference } from '../helpers/shared.js';

/** Messages the protocol server answers itself (memclnt); the model never sees them. */
const SERVER_MESSAGES = new Set(['sockclnt_create', 'control_ping', 'get_api_json']);

const CLIENT_INDEX = 2147483649;

async function answerOf(res: SimResponse | Promise<SimResponse>): Promise<Answer> {
  const r = await res;
  return {
    replyName: r.reply?.name,
    reply: r.reply?.fields,
    details: r.details ? [...r.details].map((d) => d.fields) : [],
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function loadTranscripts(): Transcript[] {
  return readdirSync(VPP_REFERENCE_DIR)
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(VPP_REFERENCE_DIR, f), 'utf8')) as Transcript);
}

describeWithReference('conformance with the reference transcripts (handlers)', () => {
  for (const t of loadTranscripts()) {
    it(`${t.scenario}: every step answers as VPP did`, async () => {
      const model = createVppModel({ hostHasVhostNet: false });
      const events: ApiMessage[] = [];
      const client: SimClient = {
        index: CLIENT_INDEX,
        closed: false,
        sendEvent: (_name, fields) => events.push(fields),
      };
      const fieldVolatile = new Set(
        ((t as unknown as { volatile_fields?: string[] }).volatile_fields ?? []).filter(
          (f) => !t.volatile.some((v) => v.path.endsWith(`.${f}`) || v.path === f),
        ),
      );
      const diffs: string[] = [];
      const call = (name: string, args: ApiMessage): Promise<Answer> => {
        const h = model.handlers[name];
        if (!h) throw new Error(`no handler for ${name}`);
        return answerOf(h({ name, msg: args, client }));
      };

      for (let i = 0; i < t.steps.length; i++) {
        const step = t.steps[i] as TranscriptStep;
        const name = step.call ?? step.dump;
        const known = KNOWN_DIFFERENCES.find((k) => k.scenario === t.scenario && k.step === step.step);
        const vol = volatileOf(t, step.step);
        for (const f of fieldVolatile) {
          vol.add(`reply.${f}`);
        }
        const here: string[] = [];
        if (step.events) {
          await tick();
          compareValue(step.events, events.splice(0), 'events', vol, here);
        } else if (name && !SERVER_MESSAGES.has(name)) {
          const args = (step.args ?? {}) as ApiMessage;
          if (step.round !== undefined) {
            if (step.round !== 1) continue; // compared with round 1
            const it = cursorIteration(t, i);
            const got: ApiMessage[] = [];
            let a = await call(name, args);
            got.push(...a.details);
            while (a.reply?.retval === -165) {
              a = await call(name, { ...args, cursor: a.reply.cursor as number });
              got.push(...a.details);
            }
            const v = new Set([...vol, ...it.steps.flatMap((s) => [...volatileOf(t, s.step)])]);
            compareValue(it.details, got, 'details', v, here);
            compareValue(it.reply, a.reply, 'reply', v, here);
            const expName = it.reply?._msgname as string | undefined;
            const gotName = a.replyName ?? `${name}_reply`;
            if (expName && expName !== gotName) here.push(`reply name: expected ${expName}, got ${gotName}`);
          } else {
            const a = await call(name, args);
            if (step.reply) {
              compareValue(step.reply, a.reply, 'reply', vol, here);
              const expName = step.reply._msgname as string;
              const gotName = a.replyName ?? `${name}_reply`;
              if (expName !== gotName) here.push(`reply name: expected ${expName}, got ${gotName}`);
            }
            if (step.details) {
              if (known?.unordered) {
                here.push(...matchUnordered(step.details, a.details, vol));
              } else compareValue(step.details, a.details, 'details', vol, here);
            }
          }
          // events that VPP would have sent must appear in the next step
          await tick();
          const next = t.steps[i + 1];
          if (!next?.events && events.length > 0)
            here.push(`unexpected events: ${JSON.stringify(events.splice(0))}`);
        }
        if (here.length > 0 && !(known && !known.unordered))
          diffs.push(...here.map((d) => `step ${step.step} (${name ?? 'events'}): ${d}`));
      }
      expect(diffs.slice(0, 40)).toEqual([]);
    });
  }
});
