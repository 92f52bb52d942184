import type { ApiMessage, VppCaller } from '../../src/api/types.js';

export interface RecordedCall {
  readonly name: string;
  /** A copy of the arguments as sent (interface references already resolved). */
  readonly args: Record<string, unknown>;
}

/** A caller that passes everything on and records the write calls (`isRead` false), in order. */
export function recordWrites(
  inner: VppCaller,
  isRead: (name: string) => boolean,
): VppCaller & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    call(name: string, args?: ApiMessage) {
      if (!isRead(name)) calls.push({ name, args: { ...(args ?? {}) } });
      return inner.call(name, args);
    },
    dump: (n, a) => inner.dump(n, a),
    detailsIter: (n, a) => inner.detailsIter(n, a),
  };
}
