import { retvalOf } from '../api/errno.js';

/** VPP asks to be called again. */
export const TRANSIENT_RETVALS = new Set([retvalOf('BUSY'), retvalOf('EAGAIN')]);

/** Whether an error is worth retrying: timeouts, lost connections, BUSY/EAGAIN. */
export function isTransient(err: unknown): boolean {
  const e = err as { code?: string; retval?: number } | null;
  if (!e) return false;
  if (e.code === 'VPP_TIMEOUT' || e.code === 'VPP_CONNECTION') return true;
  return e.code === 'VPP_API_ERROR' && typeof e.retval === 'number' && TRANSIENT_RETVALS.has(e.retval);
}

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  readonly attempts: number;
  /** First back-off in ms. Default 50. */
  readonly baseMs: number;
  /** Longest back-off in ms. Default 2000. */
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 50, maxMs: 2000 };

/** Exponential back-off with full jitter (AWS style): uniform in [0, min(max, base·2^n)]. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs fn, retrying transient failures per policy; the last error is thrown. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  opts: {
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
    onRetry?: (err: unknown, attempt: number) => void;
  } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || attempt + 1 >= policy.attempts) throw err;
      opts.onRetry?.(err, attempt + 1);
      await (opts.sleep ?? sleep)(backoffMs(policy, attempt, opts.random));
    }
  }
}
