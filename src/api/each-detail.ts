import type { ApiMessage, CallOptions, VppCaller } from './types.js';

/**
 * Each details message of a dump handed to `each`: through the caller's dumpEach where it has one
 * (no promise per message), else by iterating its detailsIter. Resolves with how many there were.
 */
export function eachDetail(
  caller: VppCaller,
  name: string,
  args: ApiMessage,
  each: (details: ApiMessage) => void,
  opts?: CallOptions,
): Promise<number> {
  return caller.dumpEach
    ? caller.dumpEach(name, args, each, opts)
    : iterateDetails(caller, name, args, each, opts);
}

/** What eachDetail does for a caller without dumpEach: its detailsIter, one message at a time. */
export async function iterateDetails(
  caller: VppCaller,
  name: string,
  args: ApiMessage,
  each: (details: ApiMessage) => void,
  opts?: CallOptions,
): Promise<number> {
  let n = 0;
  for await (const d of caller.detailsIter(name, args, opts)) {
    each(d);
    n++;
  }
  return n;
}
