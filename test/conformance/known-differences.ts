/**
 * Every difference between the simulator and VPP v26.10 that remains on purpose, in one place,
 * each with its reason and how it was measured on the real VPP. The conformance tests skip
 * exactly these and fail when one no longer occurs (remove it then).
 */
import type { Difference } from './harness.js';

export interface KnownDifference {
  /** Scenario name (exact), or '*' for any. */
  readonly scenario: string;
  readonly message: string;
  /** Field path of the difference (a RegExp for a family of paths). */
  readonly path: string | RegExp;
  readonly reason: string;
  /** What the real VPP did, and how that was seen. */
  readonly measured: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];

export function isKnown(scenario: string, d: Difference): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find(
    (k) =>
      (k.scenario === '*' || k.scenario === scenario) &&
      k.message === d.message &&
      (typeof k.path === 'string' ? k.path === d.path : k.path.test(d.path)),
  );
}
