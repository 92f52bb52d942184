import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockHeldError, lockPathFor } from '../../src/apply/lock.js';

describe('apply lock', () => {
  process.env.VPPSTATE_LOCK_DIR = mkdtempSync(join(tmpdir(), 'vppstate-lock-'));

  it('is exclusive per socket and names the holder', async () => {
    const release = await acquireLock('/tmp/a.sock');
    const err = await acquireLock('/tmp/a.sock').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect((err as Error).message).toContain(
      `another vppstate is applying to /tmp/a.sock: pid ${process.pid} on ${hostname()}`,
    );
    const other = await acquireLock('/tmp/b.sock');
    await other();
    await release();
    const again = await acquireLock('/tmp/a.sock');
    await again();
  });

  it('takes over a lock left by a dead process on this host', async () => {
    const release = await acquireLock('/tmp/c.sock');
    // pretend the holder died: its record names a pid that does not exist
    writeFileSync(
      lockPathFor('/tmp/c.sock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: hostname(),
        user: 'x',
        since: 'then',
        command: 'vppstate apply',
      }),
    );
    const mine = await acquireLock('/tmp/c.sock');
    await mine();
    await release().catch(() => undefined);
  });
});
