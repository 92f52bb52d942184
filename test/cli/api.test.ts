/** `vppstate api list|show|call|events` on the simulator and the real VPP. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrace } from '../../src/api/trace/file.js';
import { SIM_API_FILES } from '../../src/sim/index.js';
import { cli } from '../helpers/cli.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';

interface Row {
  name: string;
  crc?: string;
  localCrc?: string;
  kind: string;
  agreement: string;
}

for (const name of TARGETS) {
  describe(`vppstate api (${name})`, () => {
    let t: Target;
    let dir: string;
    let loop: number;
    beforeAll(async () => {
      t = await startTarget(name);
      dir = mkdtempSync(join(tmpdir(), 'vppstate-api-cli-'));
      loop = (await t.client.call('create_loopback_instance', { is_specified: true, user_instance: 7 }))
        .sw_if_index;
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('api list: the messages VPP offers, with crc and kind, agreeing with the shipped declarations', async () => {
      const r = await cli('--socket', t.socket, 'api', 'list', 'sw_interface_set_f*', '--json');
      expect(r.code, r.err).toBe(0);
      const rows = JSON.parse(r.out) as Row[];
      expect(rows).toEqual([
        {
          name: 'sw_interface_set_flags',
          crc: 'f5aec1b8',
          localCrc: 'f5aec1b8',
          kind: 'request',
          status: [],
          agreement: 'same',
        },
        {
          name: 'sw_interface_set_flags_reply',
          crc: 'e8d4e804',
          localCrc: 'e8d4e804',
          kind: 'reply',
          status: [],
          agreement: 'same',
        },
      ]);
      // Every message this VPP offers is in the shipped declarations, with the same crc.
      const all = JSON.parse((await cli('--socket', t.socket, 'api', 'list', '--json')).out) as Row[];
      expect(all.filter((x) => x.agreement === 'crc-changed' || x.agreement === 'vpp-only')).toEqual([]);
      const text = await cli('--socket', t.socket, 'api', 'list', 'want_interface_events');
      expect(text.out).toMatch(/^want_interface_events +[0-9a-f]{8} +request +same$/m);
      expect(text.out).toMatch(/against vppstate’s VPP v26\.10 declarations: 2 same, 0 crc changed/);
    });

    it('api show: fields, types, defaults, what answers and what a dump yields', async () => {
      const r = await cli('--socket', t.socket, 'api', 'show', 'sw_interface_dump');
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^sw_interface_dump {2}crc aa610c27/);
      expect(r.out).toContain('a dump: VPP answers with one sw_interface_details per object');
      expect(r.out).toMatch(/sw_if_index +interface_index \(u32\) +\(default 4294967295\)/);
      expect(r.out).toMatch(
        /sw_interface_details fields:\n[^]*interface_name +string \(at most 63 characters\)/,
      );
      expect(r.out).toMatch(/IF_STATUS_API_FLAG_ADMIN_UP=1 +IF_STATUS_API_FLAG_LINK_UP=2/);
      const ev = await cli('--socket', t.socket, 'api', 'show', 'want_interface_events');
      expect(ev.out).toContain('subscribes to events: sw_interface_event');
      const none = await cli('--socket', t.socket, 'api', 'show', 'sw_interface_set_flag');
      expect(none.code).toBe(1);
      expect(none.err).toMatch(
        /no message or type sw_interface_set_flag; did you mean: sw_interface_set_flags/,
      );
    });

    it('api call: the reply as JSON or YAML in VPP’s shape; every details message of a dump', async () => {
      const up = await cli(
        '--socket',
        t.socket,
        'api',
        'call',
        'sw_interface_set_flags',
        `sw_if_index=${loop}`,
        'flags=IF_STATUS_API_FLAG_ADMIN_UP',
      );
      expect(up.code, up.err).toBe(0);
      expect(JSON.parse(up.out)).toEqual({
        _msgname: 'sw_interface_set_flags_reply',
        _crc: 'e8d4e804',
        retval: 0,
      });
      const d = await cli(
        '--socket',
        t.socket,
        'api',
        'call',
        'sw_interface_dump',
        `sw_if_index=${loop}`,
        '--format',
        'yaml',
      );
      expect(d.code, d.err).toBe(0);
      const details = parseYaml(d.out) as Array<Record<string, unknown>>;
      expect(details).toHaveLength(1);
      expect(details[0]).toMatchObject({
        _msgname: 'sw_interface_details',
        interface_name: 'loop7',
        flags: expect.stringMatching(/^IF_STATUS_API_FLAG_ADMIN_UP/) as unknown,
      });
      // A cursor service: every details message, whatever the rounds.
      for (const sw_if_index of [0, loop])
        await t.client.call('mss_clamp_enable_disable', {
          sw_if_index,
          ipv4_mss: 1400,
          ipv6_mss: 1380,
          ipv4_direction: 3,
          ipv6_direction: 3,
        });
      const c = await cli('--socket', t.socket, 'api', 'call', 'mss_clamp_get', 'sw_if_index=4294967295');
      expect(c.code, c.err).toBe(0);
      expect((JSON.parse(c.out) as Array<{ sw_if_index: number }>).map((x) => x.sw_if_index).sort()).toEqual([
        0,
        loop,
      ]);
    });

    it('api call: a negative retval prints the errno name and exits 1; a wrong field says which', async () => {
      const bad = await cli(
        '--socket',
        t.socket,
        'api',
        'call',
        'sw_interface_set_flags',
        'sw_if_index=4000',
        'flags=1',
      );
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/sw_interface_set_flags: VNET_API_ERROR_INVALID_SW_IF_INDEX \(-2\)/);
      const typo = await cli('--socket', t.socket, 'api', 'call', 'sw_interface_set_flags', 'sw_if_idx=1');
      expect(typo.code).toBe(1);
      expect(typo.err).toMatch(
        /sw_interface_set_flags has no field sw_if_idx; its fields: sw_if_index, flags/,
      );
      const nope = await cli('--socket', t.socket, 'api', 'call', 'no_such_message');
      expect(nope.err).toMatch(/VPP has no message no_such_message/);
      // The old top-level command is the same command.
      const alias = await cli('--socket', t.socket, 'call', 'show_version');
      expect(alias.code, alias.err).toBe(0);
      expect(JSON.parse(alias.out)).toMatchObject({ _msgname: 'show_version_reply', retval: 0 });
    });

    it('api call --trace records the call', async () => {
      const file = join(dir, 'call.json');
      const r = await cli('--socket', t.socket, '--trace', file, 'api', 'call', 'show_version');
      expect(r.code, r.err).toBe(0);
      const e = readTrace(file).find((x) => x._msgname === 'show_version');
      expect(e?._reply).toMatchObject({ _msgname: 'show_version_reply', retval: 0 });
    });

    it('api events: subscribes, prints events as JSON lines, unsubscribes', async () => {
      const events = cli('--socket', t.socket, 'api', 'events', 'sw_interface_event', '--count', '2');
      let done = false;
      void events.finally(() => (done = true));
      // Toggle until the command (subscribing concurrently) has seen two events.
      for (let i = 0; !done && i < 100; i++) {
        await t.client.call('sw_interface_set_flags', { sw_if_index: loop, flags: i % 2 });
        await new Promise((r) => setTimeout(r, 50));
      }
      const r = await events;
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain('listening for sw_interface_event');
      const lines = r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      for (const l of lines)
        expect(l).toMatchObject({ _msgname: 'sw_interface_event', sw_if_index: loop, deleted: false });
      expect(typeof lines[0]._ts).toBe('string');
      // Only subscriptions and events are accepted.
      const bad = await cli('--socket', t.socket, 'api', 'events', 'show_version');
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/show_version is neither a subscription with events nor an event/);
    }, 30_000);
  });
}

describe('api list: the three ways local definitions and VPP can disagree (simulator)', () => {
  it('crc changed, only in VPP, only local', async () => {
    const t = await startTarget('sim');
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-api-dir-'));
    try {
      for (const f of SIM_API_FILES) {
        const json = JSON.parse(JSON.stringify(f.json)) as { messages?: unknown[][] };
        if (json.messages) {
          json.messages = json.messages
            .filter((m) => m[0] !== 'sw_interface_set_mtu')
            .map((m) => {
              if (m[0] !== 'sw_interface_set_flags') return m;
              const copy = [...m];
              copy[copy.length - 1] = { crc: '0x12345678' };
              return copy;
            });
          if (f.file.endsWith('interface.api.json'))
            json.messages.push([
              'made_up_message',
              ['u16', '_vl_msg_id'],
              ['u32', 'context'],
              { crc: '0xdeadbeef' },
            ]);
        }
        mkdirSync(join(dir, f.file, '..'), { recursive: true });
        writeFileSync(join(dir, f.file), JSON.stringify(json));
      }
      const r = await cli('--socket', t.socket, '--api-dir', dir, 'api', 'list', '--changed', '--json');
      expect(r.code, r.err).toBe(0);
      const rows = JSON.parse(r.out) as Row[];
      const by = (n: string) => rows.find((x) => x.name === n);
      expect(by('sw_interface_set_flags')).toMatchObject({
        crc: 'f5aec1b8',
        localCrc: '12345678',
        agreement: 'crc-changed',
      });
      expect(by('sw_interface_set_mtu')).toMatchObject({ crc: '5cbe85e5', agreement: 'vpp-only' });
      expect(by('made_up_message')).toMatchObject({ localCrc: 'deadbeef', agreement: 'local-only' });
      expect(by('sw_interface_set_table')).toBeUndefined();
      const text = await cli('--socket', t.socket, '--api-dir', dir, 'api', 'list', 'sw_interface_set_[fm]*');
      expect(text.out).toMatch(
        /^sw_interface_set_flags +f5aec1b8 +request +crc changed \(local 12345678\)$/m,
      );
      expect(text.out).toMatch(/^sw_interface_set_mtu +5cbe85e5 +request +not in local definitions$/m);
      // No VPP to ask: the directory alone.
      const offline = await cli(
        '--socket',
        join(dir, 'nowhere.sock'),
        '--api-dir',
        dir,
        'api',
        'list',
        'made_up*',
      );
      expect(offline.code).toBe(0);
      expect(offline.err).toMatch(/VPP not reachable at .*nowhere\.sock/);
      expect(offline.out).toMatch(/^made_up_message +deadbeef/m);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
