/**
 * Replaying a reference transcript (../shared/vpp-reference format) against something that answers
 * VPP requests, and comparing the answers field by field the way its README prescribes: `__name`
 * siblings ignored, `__unmasked` values preferred, union members derived from the meaningful one,
 * volatile paths skipped, cursor rounds concatenated.
 */
import type { ApiMessage, ApiValue } from '../../api/types.js';
import { addrToBytes, bytesToIp4, bytesToIp6 } from './util.js';

export interface TranscriptStep {
  step: number;
  call?: string;
  dump?: string;
  args?: Record<string, unknown>;
  reply?: Record<string, unknown>;
  details?: Array<Record<string, unknown>>;
  events?: Array<Record<string, unknown>>;
  round?: number;
  rounds?: number;
  note?: string;
}

export interface Transcript {
  scenario: string;
  volatile: Array<{ step: number; path: string }>;
  steps: TranscriptStep[];
}

/** What one request got back. */
export interface Answer {
  replyName?: string;
  reply?: ApiMessage;
  details: ApiMessage[];
}

const SKIP_KEYS = new Set(['_msgname', 'context', 'client_index', '_vl_msg_id']);

/** Both views of an address_union, as vpp_papi decodes it. */
export function unionViews(addr: string): { ip4: string; ip6: string } {
  const b = addrToBytes(addr);
  const full = new Uint8Array(16);
  full.set(b);
  return { ip4: bytesToIp4(b.length === 4 ? b : b.subarray(0, 4)), ip6: bytesToIp6(full) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function norm(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return v;
}

/**
 * Differences between an expected transcript message and an actual decoded one, as
 * `path: expected … got …` lines. Only the expected fields are compared.
 */
export function compareValue(
  expected: unknown,
  actual: unknown,
  path: string,
  volatile: ReadonlySet<string>,
  out: string[],
): void {
  if (volatile.has(path)) return;
  if (isRecord(expected)) {
    // an address union given as one address
    if ('ip4' in expected && 'ip6' in expected && typeof actual === 'string') {
      compareValue(expected, unionViews(actual), path, volatile, out);
      return;
    }
    if (!isRecord(actual)) {
      out.push(`${path}: expected an object, got ${JSON.stringify(norm(actual))}`);
      return;
    }
    for (const [k, v] of Object.entries(expected)) {
      if (
        SKIP_KEYS.has(k) ||
        k.endsWith('__name') ||
        k.endsWith('__unmasked') ||
        k.endsWith('__length') ||
        k.endsWith('__truncated')
      )
        continue;
      const exp = `${k}__unmasked` in expected ? expected[`${k}__unmasked`] : v;
      compareValue(exp, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k, volatile, out);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${path}: expected an array, got ${JSON.stringify(norm(actual))}`);
      return;
    }
    if (expected.length !== actual.length)
      out.push(`${path}: expected ${expected.length} elements, got ${actual.length}`);
    for (let i = 0; i < Math.min(expected.length, actual.length); i++)
      compareValue(expected[i], actual[i], `${path}[${i}]`, volatile, out);
    return;
  }
  const a = norm(actual);
  const e = typeof expected === 'boolean' && typeof a === 'number' ? (expected ? 1 : 0) : expected;
  const a2 = typeof a === 'boolean' && typeof expected === 'number' ? (a ? 1 : 0) : a;
  if (e !== a2) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(a)}`);
}

/** The volatile paths of one step. */
export function volatileOf(t: Transcript, step: number): Set<string> {
  return new Set(t.volatile.filter((v) => v.step === step).map((v) => v.path));
}

/** The steps of one cursor iteration starting at `i` (round 1): their concatenated details and last reply. */
export function cursorIteration(
  t: Transcript,
  i: number,
): { steps: TranscriptStep[]; details: Array<Record<string, unknown>>; reply?: Record<string, unknown> } {
  const first = t.steps[i] as TranscriptStep;
  const n = first.rounds ?? 1;
  const steps = t.steps.slice(i, i + n);
  return { steps, details: steps.flatMap((s) => s.details ?? []), reply: steps[steps.length - 1]?.reply };
}

/**
 * Transcript steps where the simulator knowingly differs from the recording, with the reason.
 * `unordered`: the same details (every field equal) in another order.
 */
export const KNOWN_DIFFERENCES: ReadonlyArray<{
  scenario: string;
  step: number;
  unordered?: true;
  reason: string;
}> = [];

/** Each expected details message must match one actual message (any order). */
export function matchUnordered(
  expected: Array<Record<string, unknown>>,
  actual: ApiMessage[],
  vol: ReadonlySet<string>,
): string[] {
  const left = [...actual];
  const out: string[] = [];
  if (expected.length !== actual.length)
    out.push(`details: expected ${expected.length} elements, got ${actual.length}`);
  for (const e of expected) {
    const k = left.findIndex((a) => {
      const d: string[] = [];
      compareValue(e, a, 'x', vol, d);
      return d.length === 0;
    });
    if (k < 0) out.push(`details: no match for ${JSON.stringify(e).slice(0, 200)}`);
    else left.splice(k, 1);
  }
  return out;
}

export type { ApiValue };
