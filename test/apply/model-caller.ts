/**
 * Test helper: a VppCaller straight onto the simulator's behaviour model (no socket, no codec),
 * so unit tests of the reconciler run against VPP's real rules (-114, cascades, …) in-process.
 * The end-to-end tests in test/e2e go through the real socket and client instead.
 */
import type { ApiMessage, VppCaller } from '../../src/api/types.js';
import { VppApiError, VppTimeoutError } from '../../src/api/client/errors.js';
import { createVppModel, type ModelOptions, type VppModel } from '../../src/sim/vpp/index.js';
import type { SimClient } from '../../src/sim/types.js';

/** Request/reply messages that only read. */
export const READ_CALLS = new Set([
  'sw_interface_get_table',
  'show_version',
  'control_ping',
  'feature_is_enabled',
  // plugin settings read with a request/reply, and `show interface features` through the CLI
  'nat44_show_running_config',
  'lcp_default_ns_get',
  'cli_inband',
]);

const client: SimClient = { index: 1, closed: false, sendEvent: () => undefined };

export interface ModelCaller extends VppCaller {
  readonly model: VppModel;
  /** Every write (non-dump) message sent, in order. */
  readonly writes: string[];
  /** Make the next matching call fail with this retval (n-th occurrence, 1-based). */
  failNth(name: string, n: number, retval: number): void;
  /** Swallow calls to `name` (reply 0, do nothing): VPP "silently did not" do it. */
  ignore(name: string): void;
  /** Make the n-th write call overall (1-based, counted from now) fail with this retval. */
  failWrite(n: number, retval: number): void;
  /** The next call of `name` is done by VPP, but its reply is lost (a timeout). */
  loseReply(name: string): void;
}

export function modelCaller(opts: ModelOptions = {}): ModelCaller {
  const model = createVppModel(opts);
  const writes: string[] = [];
  const failures = new Map<string, { n: number; retval: number }[]>();
  const counts = new Map<string, number>();
  const ignored = new Set<string>();
  let failAt: { n: number; retval: number } | undefined;
  const lose = new Set<string>();
  let writeCount = 0;
  const run = async (name: string, args: ApiMessage) => {
    const h = model.handlers[name];
    if (!h) throw Object.assign(new Error(`unsupported ${name}`), { code: 'VPP_UNSUPPORTED_MESSAGE' });
    return h({ name, msg: args, client });
  };
  return {
    model,
    writes,
    failNth(name, n, retval) {
      failures.set(name, [...(failures.get(name) ?? []), { n, retval }]);
    },
    ignore(name) {
      ignored.add(name);
    },
    loseReply(name) {
      lose.add(name);
    },
    failWrite(n, retval) {
      failAt = { n: writeCount + n, retval };
    },
    async call(name, args = {}) {
      if (!READ_CALLS.has(name)) {
        writes.push(name);
        writeCount++;
        if (failAt && failAt.n === writeCount) throw new VppApiError(name, failAt.retval);
      }
      const c = (counts.get(name) ?? 0) + 1;
      counts.set(name, c);
      const f = failures.get(name)?.find((x) => x.n === c);
      if (f) throw new VppApiError(name, f.retval);
      if (ignored.has(name)) return { retval: 0 };
      const res = await run(name, args);
      const reply = res.reply?.fields ?? {};
      const retval = typeof reply.retval === 'number' ? reply.retval : 0;
      if (retval < 0) throw new VppApiError(name, retval);
      if (lose.delete(name)) throw new VppTimeoutError(name, 1);
      return reply;
    },
    async dump(name, args = {}) {
      const res = await run(name, args);
      return [...(res.details ?? [])].map((d) => d.fields);
    },
    async *detailsIter(name, args = {}) {
      const res = await run(name, args);
      for (const d of res.details ?? []) yield d.fields;
    },
  };
}
