import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { VppstateError } from '../errors.js';

/** Another vppstate holds the apply lock for this VPP. */
export class LockHeldError extends VppstateError {
  readonly holder: Holder | undefined;
  constructor(socket: string, holder: Holder | undefined, lockPath: string) {
    super(
      'apply.locked',
      `another vppstate is applying to ${socket}: ${
        holder
          ? `pid ${holder.pid} on ${holder.host} (user ${holder.user}, since ${holder.since}, "${holder.command}")`
          : 'holder unknown'
      }; lock ${lockPath}`,
    );
    this.holder = holder;
  }
}

export interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly user: string;
  readonly since: string;
  readonly command: string;
}

/** The lock file for a VPP socket: one per socket path, in the temp directory (or $VPPSTATE_LOCK_DIR). */
export function lockPathFor(socket: string): string {
  const h = createHash('sha256').update(resolve(socket)).digest('hex').slice(0, 16);
  return join(process.env.VPPSTATE_LOCK_DIR ?? tmpdir(), `vppstate-${h}.lock`);
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the exclusive apply lock for a VPP socket (proper-lockfile: atomic mkdir, refreshed
 * mtime, stale after 30 s). A lock left by a dead process on this host is taken over at once.
 * Returns the release function.
 */
export async function acquireLock(socket: string): Promise<() => Promise<void>> {
  const path = lockPathFor(socket);
  if (!existsSync(path)) writeFileSync(path, '');
  const opts = { realpath: false, stale: 30_000, update: 10_000, retries: 0 } as const;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, opts);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    const holder = readHolder(path);
    if (holder && holder.host === hostname() && !alive(holder.pid)) {
      rmSync(`${path}.lock`, { recursive: true, force: true });
      release = await lockfile.lock(path, opts);
    } else throw new LockHeldError(socket, holder, path);
  }
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    user: userInfo().username,
    since: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
  };
  writeFileSync(path, JSON.stringify(me));
  return async () => {
    writeFileSync(path, '');
    await release();
  };
}
