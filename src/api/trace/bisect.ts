/**
 * Which request of a trace breaks something (`vppstate trace bisect`): replays the trace and runs
 * a check; the answer is the first request after which the check fails.
 *
 * Without a reset the trace is replayed once, the check running after every request that writes
 * (reads change nothing): as many checks as writes, one replay. With a reset (a way to put VPP
 * back where the trace started, e.g. restarting it) the search is binary: each probe resets,
 * replays a prefix and checks; about log2(writes) probes.
 */
import type { TraceEntry } from './file.js';
import { isReadRequest, replayTrace, skipReason, type ReplayClient } from './replay.js';
import { VppstateError } from '../../errors.js';

export class BisectError extends VppstateError {
  constructor(message: string) {
    super('trace.bisect', message);
  }
}

export interface BisectOptions {
  /** A client connected to the VPP to replay onto (called again after each reset). */
  readonly connect: () => Promise<ReplayClient & { disconnect(): Promise<void> }>;
  /** True when the VPP is good; `index` is the last entry replayed (0 before any). */
  readonly check: (index: number) => Promise<boolean>;
  /** Puts VPP back in the state the trace started from; enables the binary search. */
  readonly reset?: () => Promise<void>;
  readonly from?: number;
  readonly until?: number;
  /** Called as the search goes (for progress lines). */
  readonly onProbe?: (index: number, good: boolean) => void;
}

export interface BisectResult {
  /** 1-based index of the first request after which the check fails. */
  readonly index: number;
  readonly entry: TraceEntry;
  /** How many times the check ran. */
  readonly checks: number;
}

/** Finds the culprit; throws BisectError when the check fails before the trace or never. */
export async function bisectTrace(
  entries: readonly TraceEntry[],
  opts: BisectOptions,
): Promise<BisectResult> {
  const from = Math.max(1, opts.from ?? 1);
  const until = Math.min(entries.length, opts.until ?? entries.length);
  let checks = 0;
  const check = async (index: number): Promise<boolean> => {
    checks++;
    const good = await opts.check(index);
    opts.onProbe?.(index, good);
    return good;
  };
  let client = await opts.connect();
  try {
    const defs = client.definitions;
    // The requests that can change something: the candidates.
    const writes: number[] = [];
    for (let i = from; i <= until; i++) {
      const e = entries[i - 1];
      if (skipReason(defs, e) === undefined && !isReadRequest(defs, e._msgname)) writes.push(i);
    }
    if (writes.length === 0) throw new BisectError('the trace has no request that changes anything');
    if (opts.reset) await opts.reset();
    if (!(await check(from - 1)))
      throw new BisectError('the check fails before any request is replayed: nothing to bisect');
    if (opts.reset === undefined) {
      let found: number | undefined;
      await replayTrace(client, entries, {
        from,
        until,
        keepGoing: true,
        onStep: async (s) => {
          if (found !== undefined || s.status === 'skipped' || s.read) return;
          if (!(await check(s.index))) found = s.index;
        },
      });
      if (found === undefined)
        throw new BisectError(`the check passes after every request (${from}-${until}): nothing to blame`);
      return { index: found, entry: entries[found - 1], checks };
    }
    // Binary search over the writes: good(k) = the check passes after writes[0..k-1].
    const probe = async (k: number): Promise<boolean> => {
      await client.disconnect().catch(() => undefined);
      await opts.reset?.();
      client = await opts.connect();
      const last = k === 0 ? from - 1 : writes[k - 1];
      if (k > 0) await replayTrace(client, entries, { from, until: last, keepGoing: true });
      return check(last);
    };
    let lo = 0;
    let hi = writes.length;
    if (await probe(hi))
      throw new BisectError(`the check passes after every request (${from}-${until}): nothing to blame`);
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (await probe(mid)) lo = mid;
      else hi = mid;
    }
    const index = writes[hi - 1];
    return { index, entry: entries[index - 1], checks };
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}
