import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the checkout (VPP API definitions and reference transcripts); override with VPPSTATE_SHARED_DIR. */
export const SHARED_DIR = process.env.VPPSTATE_SHARED_DIR ?? resolve(REPO_ROOT, '../shared');
export const VPP_API_DIR = join(SHARED_DIR, 'vpp-api');
export const VPP_REFERENCE_DIR = join(SHARED_DIR, 'vpp-reference');

export const HAVE_VPP_API = existsSync(join(VPP_API_DIR, 'core'));
export const HAVE_VPP_REFERENCE = existsSync(join(VPP_REFERENCE_DIR, 'README.md'));

function gate(have: boolean, what: string): typeof describe {
  if (have) return describe;
  // The run's summary says once what was missing (test/helpers/summary-reporter.ts). The suite's
  // body is not run at all (describe.skip would still run it, and it reads the files): no guard
  // inside is needed.
  const skipped = (name: unknown) => {
    describe(String(name), () => {
      it.skip(`needs ${what}`, () => undefined);
    });
  };
  return Object.assign(skipped, describe) as unknown as typeof describe;
}

/** `describe` for suites that need ../shared/vpp-api; skipped with a message where it is absent. */
export const describeWithVppApi = gate(HAVE_VPP_API, `${VPP_API_DIR}`);
/** `describe` for suites that need ../shared/vpp-reference; skipped with a message where it is absent. */
export const describeWithReference = gate(HAVE_VPP_REFERENCE, `${VPP_REFERENCE_DIR}`);
