/**
 * `--trace` / `apply --journal`, `trace print|stats|replay|bisect`, on the simulator and on the
 * real VPP; and, on the real VPP, traces crossing both ways: VPP's save-json read and replayed
 * by vppstate, vppstate's trace replayed by VPP's replay-json.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VppClient } from '../../src/api/client/client.js';
import { bisectTrace } from '../../src/api/trace/bisect.js';
import { readTrace, type TraceEntry } from '../../src/api/trace/file.js';
import { stringifyTrace } from '../../src/api/trace/format.js';
import { cli } from '../helpers/cli.js';
import { VPP_SH } from '../helpers/real-vpp.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';

const QUICKSTART = join(REPO_ROOT, 'examples/quickstart.yaml');

async function exported(socket: string): Promise<string> {
  const r = await cli('--socket', socket, 'export', '--owned-only');
  expect(r.code, r.err).toBe(0);
  return r.out;
}

/** loop1's MTU, read by name (its index differs between runs). */
async function loop1Mtu(client: VppClient): Promise<number> {
  const d = await client.dump('sw_interface_dump', {
    sw_if_index: 0xffffffff,
    name_filter_valid: true,
    name_filter: 'loop1',
  });
  return Number((d[0]?.mtu as number[] | undefined)?.[0] ?? -1);
}

for (const name of TARGETS) {
  describe(`traces (${name})`, () => {
    let dir: string;
    let a: Target;
    let b: Target;
    let trace: string;
    let entries: TraceEntry[];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'vppstate-trace-cli-'));
      [a, b] = await Promise.all([startTarget(name), startTarget(name)]);
      // Something vppstate does not own, so that the apply's interfaces get other indexes
      // here than on an empty VPP.
      await a.client.call('create_loopback_instance', { is_specified: true, user_instance: 100 });
      trace = join(dir, 'apply.json');
      const r = await cli('--socket', a.socket, 'apply', '--yes', '--quiet', '--journal', trace, QUICKSTART);
      expect(r.code, r.err).toBe(0);
      entries = readTrace(trace);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      rmSync(dir, { recursive: true, force: true });
    });

    it('apply --journal records every request with its reply and timing', () => {
      const creates = entries.filter((e) => e._msgname === 'create_loopback_instance');
      expect(creates).toHaveLength(2);
      for (const c of creates) {
        expect(c._crc).toMatch(/^[0-9a-f]{8}$/);
        expect(c._reply).toMatchObject({ _msgname: 'create_loopback_instance_reply', retval: 0 });
        expect(c._ms).toBeGreaterThan(0);
      }
      expect(entries.find((e) => e._msgname === 'sw_interface_dump')?._details).toBeInstanceOf(Array);
    });

    it('trace print shows each request, its reply and latency; --filter and --from/--to select', async () => {
      const all = await cli('trace', 'print', trace);
      expect(all.code).toBe(0);
      expect(all.out).toMatch(/^#1 +\d\d:\d\d:\d\d\.\d{3} {2}sockclnt_create name=vppstate$/m);
      expect(all.out).toMatch(
        /create_loopback_instance is_specified=true user_instance=1.*\n +→ retval=0 sw_if_index=\d+ {2}\(\d+\.\d+ ms\)/,
      );
      const some = await cli('trace', 'print', trace, '--filter', 'sw_interface_add_del_address');
      const lines = some.out.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(3);
      expect(some.out).toContain('prefix=10.10.0.1/24');
      const n = entries.findIndex((e) => e._msgname === 'ip_table_add_del') + 1;
      const range = await cli('trace', 'print', trace, '--from', String(n), '--to', String(n));
      expect(range.out.split('\n')[0]).toMatch(new RegExp(`^#${n} .*ip_table_add_del is_add=true`));
      const json = await cli('trace', 'print', trace, '--json', '--filter', 'ip_table_add_del');
      expect((JSON.parse(json.out) as TraceEntry[]).map((e) => e._msgname)).toEqual([
        'ip_table_add_del',
        'ip_table_add_del',
      ]);
    });

    it('trace stats counts and times each message', async () => {
      const r = await cli('trace', 'stats', trace, '--json');
      const s = JSON.parse(r.out) as {
        requests: number;
        errors: number;
        messages: Array<{ name: string; count: number; avgMs: number }>;
      };
      expect(s.requests).toBe(entries.length);
      expect(s.errors).toBe(0);
      expect(s.messages.find((m) => m.name === 'sw_interface_add_del_address')).toMatchObject({ count: 3 });
      const text = await cli('trace', 'stats', trace);
      expect(text.out).toMatch(
        /^message +count +errors +details +total ms +avg ms +p50 ms +p99 ms +max ms$/m,
      );
      expect(text.out).toMatch(/\d+ requests \(\d+ kinds\), 0 failed/);
    });

    it('trace replay onto an empty VPP gives the same export, remapping interface indexes', async () => {
      const replayTrace = join(dir, 'replay.json');
      const r = await cli('--socket', b.socket, '--trace', replayTrace, 'trace', 'replay', trace, '-q');
      expect(r.code, r.err + r.out).toBe(0);
      // loop0 and loop1 came after loop100 in the recording, first on the empty VPP.
      expect(r.out).toMatch(/interface indexes remapped: \d+→\d+, \d+→\d+; every retval as expected/);
      expect(await exported(b.socket)).toBe(await exported(a.socket));
      // The replay's own trace holds the indexes as sent.
      const sent = readTrace(replayTrace).filter((e) => e._msgname === 'sw_interface_set_flags');
      const recorded = entries.filter((e) => e._msgname === 'sw_interface_set_flags');
      expect(sent.map((e) => e.sw_if_index)).not.toEqual(recorded.map((e) => e.sw_if_index));
      if (name === 'vpp') {
        // VPP replays vppstate's trace itself (replay-json ignores the "_" keys) and ends the same.
        const vpp = await startTarget('vpp');
        try {
          const copy = join(tmpdir(), `vppstate-replay-${process.pid}.json`);
          copyFileSync(replayTrace, copy);
          const out = await vpp.vpp!.ctl('api', 'trace', 'replay-json', copy);
          rmSync(copy, { force: true });
          expect(out).not.toMatch(/error|failed/i);
          expect(await exported(vpp.socket)).toBe(await exported(a.socket));
        } finally {
          await vpp.close();
        }
      }
    }, 60_000);

    it('trace replay stops at the first unexpected retval; --until replays a prefix; --continue goes on', async () => {
      // b now has the configuration: creating loop0 again fails.
      const n = entries.findIndex((e) => e._msgname === 'create_loopback_instance') + 1;
      const again = await cli('--socket', b.socket, 'trace', 'replay', trace, '--until', String(n));
      expect(again.code).toBe(1);
      expect(again.err).toMatch(
        new RegExp(
          `stopped at #${n} create_loopback_instance: VPP answered -\\d+ VNET_API_ERROR_\\w+; the trace recorded 0`,
        ),
      );
      const on = await cli(
        '--socket',
        b.socket,
        'trace',
        'replay',
        trace,
        '--continue',
        '--until',
        String(n + 1),
      );
      expect(on.code).toBe(1);
      expect(on.out).toMatch(/replayed \d+ requests/);
      expect(on.err).toMatch(/2 requests did not go as recorded/);
    });

    it('trace bisect finds an injected failing message', async () => {
      // A trace with one bad request slipped in: loop1's MTU set to 1280 (the documents say 1500).
      const at = entries.findIndex((e) => e._msgname === 'sw_interface_set_table') + 1;
      const loop1 = entries[at - 1].sw_if_index;
      const bad: TraceEntry = {
        _msgname: 'sw_interface_set_mtu',
        _crc: entries.find((e) => e._msgname === 'sw_interface_set_mtu')!._crc,
        sw_if_index: loop1,
        mtu: [1280, 0, 0, 0],
      };
      const injected = [...entries.slice(0, at), bad, ...entries.slice(at)];
      const file = join(dir, 'injected.json');
      writeFileSync(file, `[\n${injected.map((e) => stringifyTrace(e)).join(',\n')}\n]\n`);
      const fresh = await startTarget(name);
      try {
        if (fresh.vpp !== undefined) {
          // The command line, with the check a user would write: vppctl shows loop1's MTU.
          const mtu1280 = `${VPP_SH} ctl -n ${fresh.vpp.name} show interface loop1 | grep -q ' 1280/'`;
          const r = await cli('--socket', fresh.socket, 'trace', 'bisect', file, '--check', `! ${mtu1280}`);
          expect(r.code, r.err).toBe(0);
          expect(r.out).toMatch(new RegExp(`^first request after which the check fails: #${at + 1} `, 'm'));
          expect(r.out).toMatch(
            new RegExp(`#${at + 1} .*sw_interface_set_mtu sw_if_index=\\d+ mtu=\\[1280,0,0,0\\]`),
          );
          return;
        }
        const probe = await fresh.connect('probe');
        const found = await bisectTrace(injected, {
          connect: () => fresh.connect('bisect'),
          check: async () => {
            const mtu = await loop1Mtu(probe);
            return mtu === -1 || mtu !== 1280;
          },
        });
        expect(found.index).toBe(at + 1);
        expect(found.entry._msgname).toBe('sw_interface_set_mtu');
      } finally {
        await fresh.close();
      }
    }, 60_000);

    it('trace print masks secrets unless --show-secrets; the file keeps them for replay', async () => {
      const file = join(dir, 'memif.json');
      const args = ['memif_create_v2', 'role=MEMIF_ROLE_API_SLAVE', 'id=77', 'secret=hunter2'];
      const r = await cli('--socket', a.socket, '--trace', file, 'api', 'call', ...args);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('"retval": 0');
      const masked = await cli('trace', 'print', file, '--filter', 'memif_create_v2');
      expect(masked.out).toMatch(/memif_create_v2 .*secret="<masked>"/);
      expect(masked.out).not.toContain('hunter2');
      const shown = await cli('trace', 'print', file, '--filter', 'memif_create_v2', '--show-secrets');
      expect(shown.out).toMatch(/memif_create_v2 .*secret=hunter2/);
      // The file keeps the secret, for replay.
      expect(readTrace(file).find((e) => e._msgname === 'memif_create_v2')?.secret).toBe('hunter2');
    });
  });
}

describe('trace bisect (command line, simulator)', () => {
  it('runs the check with the entry number and prints the culprit; a binary search with --reset', async () => {
    const t = await startTarget('sim');
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-bisect-'));
    try {
      const file = join(dir, 't.json');
      await cli('--socket', t.socket, '--trace', file, 'apply', '--yes', '--quiet', QUICKSTART);
      const entries = readTrace(file);
      const culprit = entries.findIndex((e) => e._msgname === 'sw_interface_set_table') + 1;
      await t.sim!.server.restart();
      const check = `test "$VPPSTATE_TRACE_INDEX" -lt ${culprit}`;
      const r = await cli('--socket', t.socket, 'trace', 'bisect', file, '--check', check);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(new RegExp(`^first request after which the check fails: #${culprit} `));
      expect(r.out).toContain('sw_interface_set_table');
      // The same with a reset between probes: fewer checks than writes.
      const marker = join(dir, 'resets');
      const reset = `echo x >> ${marker}`;
      const s = await cli('--socket', t.socket, 'trace', 'bisect', file, '--check', check, '--reset', reset);
      expect(s.code, s.err).toBe(0);
      expect(s.out).toContain(`#${culprit} `);
      expect(existsSync(marker)).toBe(true);
      const never = await cli('--socket', t.socket, 'trace', 'bisect', file, '--check', 'true');
      expect(never.code).toBe(1);
      expect(never.err).toMatch(/the check passes after every request/);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.runIf(TARGETS.includes('vpp'))('a trace VPP wrote (api trace save-json)', () => {
  it('is read, printed and replayed by vppstate, giving the same state', async () => {
    const [a, b] = await Promise.all([startTarget('vpp'), startTarget('vpp')]);
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-vpptrace-'));
    const saved = `vppstate-test-${process.pid}-${Date.now()}.json`;
    try {
      const r = await cli('--socket', a.socket, 'apply', '--yes', '--quiet', QUICKSTART);
      expect(r.code, r.err).toBe(0);
      expect(await a.vpp!.ctl('api', 'trace', 'save-json', saved)).toMatch(/API trace saved to/);
      const file = join(dir, 'vpp.json');
      copyFileSync(join('/tmp', saved), file);
      const entries = readTrace(file);
      expect(entries.some((e) => e._msgname === 'create_loopback_instance')).toBe(true);
      const p = await cli('trace', 'print', file, '--filter', 'sw_interface_add_del_address');
      expect(p.out).toContain('prefix=192.0.2.1/32');
      const rep = await cli('--socket', b.socket, 'trace', 'replay', file, '-q');
      expect(rep.code, rep.err + rep.out).toBe(0);
      expect(rep.out).toMatch(/replayed \d+ requests \(\d+ entries skipped\); every retval as expected/);
      expect(await exported(b.socket)).toBe(await exported(a.socket));
    } finally {
      rmSync(join('/tmp', saved), { force: true });
      rmSync(dir, { recursive: true, force: true });
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);
});
