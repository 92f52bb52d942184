import { iterateDetails } from '../api/each-detail.js';
import type { ApiMessage, CallOptions, VppCaller } from '../api/types.js';

/** How a call ended, as a metric label: ok, VPP's errno name, timeout, connection or error. */
export function callResult(err: unknown): string {
  const e = err as { code?: string; errnoName?: string; retval?: number } | null;
  if (e?.code === 'VPP_API_ERROR') return e.errnoName ?? `retval_${e.retval}`;
  if (e?.code === 'VPP_TIMEOUT') return 'timeout';
  if (e?.code === 'VPP_CONNECTION') return 'connection';
  return 'error';
}

/**
 * A VppCaller that counts every call and dump by message and result, and passes everything
 * (errors included, unchanged) through to the client underneath.
 */
export class CountingCaller implements VppCaller {
  constructor(
    private readonly inner: () => VppCaller,
    private readonly count: (message: string, result: string) => void,
  ) {}

  call(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage> {
    return this.track(name, this.inner().call(name, args, opts));
  }

  dump(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage[]> {
    return this.track(name, this.inner().dump(name, args, opts));
  }

  async *detailsIter(name: string, args?: ApiMessage, opts?: CallOptions): AsyncIterable<ApiMessage> {
    try {
      yield* this.inner().detailsIter(name, args, opts);
    } catch (err) {
      this.count(name, callResult(err));
      throw err;
    }
    this.count(name, 'ok');
  }

  dumpEach(
    name: string,
    args: ApiMessage,
    each: (details: ApiMessage) => void,
    opts?: CallOptions,
  ): Promise<number> {
    const inner = this.inner();
    // Counted once either way: by track here, or by detailsIter below.
    if (inner.dumpEach) return this.track(name, inner.dumpEach(name, args, each, opts));
    return iterateDetails(this, name, args, each, opts);
  }

  // plugin availability reads the message table through any wrapper
  messageCrc(name: string): string | undefined {
    return this.inner().messageCrc?.(name);
  }

  private track<T>(name: string, p: Promise<T>): Promise<T> {
    return p.then(
      (v) => {
        this.count(name, 'ok');
        return v;
      },
      (err: unknown) => {
        this.count(name, callResult(err));
        throw err;
      },
    );
  }
}
