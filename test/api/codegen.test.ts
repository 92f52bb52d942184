/**
 * Typed bindings: `vppstate gen types` output for the whole of ../shared/vpp-api type-checks
 * with tsc, the shipped declarations are that output, and the typed map rejects a wrong field
 * name and a wrong field type (the @ts-expect-error lines below are checked by tsc: an expected
 * error that does not happen fails the type check).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VppClient } from '../../src/api/client/client.js';
import { generateTypes, pascal } from '../../src/api/codegen/types.js';
import { ApiDefinitions } from '../../src/api/definitions/index.js';
import { SIM_API_FILES } from '../../src/sim/index.js';
import { cli } from '../helpers/cli.js';
import { describeWithVppApi, REPO_ROOT, VPP_API_DIR } from '../helpers/shared.js';
import { startTarget, type Target } from '../helpers/target.js';

const run = promisify(execFile);
const SHIPPED = join(REPO_ROOT, 'src/api/generated/vpp.ts');

/** Compile-time checks of the shipped map; never called, only type-checked. */
export async function typedUsage(client: VppClient): Promise<number> {
  const r = await client.call('sw_interface_set_flags', {
    sw_if_index: 1,
    flags: 'IF_STATUS_API_FLAG_ADMIN_UP',
  });
  // @ts-expect-error a field name the message does not have
  await client.call('sw_interface_set_flags', { sw_if_index: 1, flgs: 1 });
  // @ts-expect-error a field of the wrong type (sw_if_index is a number)
  await client.call('sw_interface_set_flags', { sw_if_index: 'loop0' });
  // @ts-expect-error an enum member that does not exist
  await client.call('sw_interface_set_flags', { sw_if_index: 1, flags: 'IF_STATUS_API_FLAG_UP' });
  const details = await client.dump('sw_interface_dump', { sw_if_index: 4294967295 });
  const names: string[] = details.map((d) => d.interface_name);
  // @ts-expect-error the reply type is checked too: the reply has no interface_name
  const wrong: string = r.interface_name;
  // Names known only at run time stay untyped.
  const dynamic: string = ['show', 'version'].join('_');
  await client.call(dynamic, { anything: 1 });
  return r.retval + names.length + wrong.length;
}

describe('gen types (simulator definitions)', () => {
  it('writes one type per message in both directions, named types, the map and the crcs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-gen-'));
    try {
      // The simulator's definitions, as a VPP install would have them.
      const defsDir = join(dir, 'api');
      mkdirSync(defsDir, { recursive: true });
      for (const f of SIM_API_FILES)
        writeFileSync(join(defsDir, f.file.replace(/\//g, '_')), JSON.stringify(f.json));
      const r = await cli('--api-dir', defsDir, 'gen', 'types', '--out', join(dir, 'out'));
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^wrote .*out\/vpp-api\.ts: \d+ messages, \d+ types, \d+ services$/m);
      const text = readFileSync(join(dir, 'out', 'vpp-api.ts'), 'utf8');
      expect(text).toContain(
        'export type SwInterfaceSetFlagsIn = { sw_if_index?: number; flags?: number | IfStatusFlags | readonly IfStatusFlags[]; };',
      );
      expect(text).toMatch(
        /export type SwInterfaceDetails = \{ _vl_msg_id: number; context: number; sw_if_index: number;/,
      );
      expect(text).toContain(
        'export type IfStatusFlags = "IF_STATUS_API_FLAG_ADMIN_UP" | "IF_STATUS_API_FLAG_LINK_UP";',
      );
      expect(text).toContain(
        '  sw_interface_dump: { request: SwInterfaceDumpIn; details: SwInterfaceDetails; };',
      );
      expect(text).toContain('  sw_interface_event: SwInterfaceEvent;');
      expect(text).toContain("  sw_interface_set_flags: 'f5aec1b8',");
      const none = await cli('gen', 'types', '--out', dir);
      if (process.env.VPP_API_DIR === undefined) {
        expect(none.code).toBe(1);
        expect(none.err).toMatch(/gen types needs --api-dir DIR/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names types as TypeScript does', () => {
    expect(pascal('sw_interface_set_flags')).toBe('SwInterfaceSetFlags');
    expect(pascal('ip4_address')).toBe('Ip4Address');
    expect(pascal('6rd_thing')).toBe('T6rdThing');
  });
});

describeWithVppApi('gen types over the whole of ../shared/vpp-api', () => {
  let dir: string;
  let text: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-gen-all-'));
    text = generateTypes(ApiDefinitions.fromDirectory(VPP_API_DIR), {
      source: 'VPP v26.10-rc0 (core and plugins)',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what vppstate ships (npm run gen:types regenerates it)', () => {
    expect(
      readFileSync(SHIPPED, 'utf8') === text,
      'src/api/generated/vpp.ts is stale: npm run gen:types',
    ).toBe(true);
  });

  it('type-checks with tsc --noEmit, with a plugin’s own declarations beside it', async () => {
    writeFileSync(join(dir, 'vpp.ts'), text);
    // One plugin's own .api.json (it carries the imported types it uses), as its author has it.
    mkdirSync(join(dir, 'sample'));
    copyFileSync(join(VPP_API_DIR, 'plugins/sample.api.json'), join(dir, 'sample/sample.api.json'));
    const sample = await cli(
      '--api-dir',
      join(dir, 'sample'),
      'gen',
      'types',
      '--out',
      dir,
      '--file',
      'plugins.ts',
    );
    expect(sample.code, sample.err).toBe(0);
    const clientPath = join(REPO_ROOT, 'src/api/client/client.js');
    writeFileSync(
      join(dir, 'use.ts'),
      `import type { VppClient } from ${JSON.stringify(clientPath)};
import type { VppMessages } from './vpp.js';
import type { VppMessages as Plugins } from './plugins.js';
export async function use(c: VppClient<VppMessages & Plugins>): Promise<number> {
  const r = await c.call('sample_macswap_enable_disable', { sw_if_index: 1, enable_disable: true });
  // @ts-expect-error enable_disable is a bool
  await c.call('sample_macswap_enable_disable', { sw_if_index: 1, enable_disable: 'yes' });
  return r.retval;
}
`,
    );
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const args = [
      tsc,
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'ES2023',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--types',
      'node',
      '--typeRoots',
      join(REPO_ROOT, 'node_modules/@types'),
      join(dir, 'vpp.ts'),
      join(dir, 'plugins.ts'),
      join(dir, 'use.ts'),
    ];
    const out = await run(process.execPath, args, { cwd: REPO_ROOT, maxBuffer: 16 << 20 }).then(
      (x) => ({ code: 0, text: x.stdout + x.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? 1,
        text: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
    expect(out.text).toBe('');
    expect(out.code).toBe(0);
  }, 180_000);
});

describe('the typed client at run time', () => {
  let t: Target;
  beforeAll(async () => {
    t = await startTarget('sim');
  });
  afterAll(() => t?.close());
  it('sends what the typed call names and returns the typed reply', async () => {
    const { sw_if_index } = await t.client.call('create_loopback_instance', {
      is_specified: true,
      user_instance: 9,
    });
    const r = await t.client.call('sw_interface_set_flags', {
      sw_if_index,
      flags: 'IF_STATUS_API_FLAG_ADMIN_UP',
    });
    expect(r.retval).toBe(0);
    const [d] = await t.client.dump('sw_interface_dump', { sw_if_index });
    expect(d.interface_name).toBe('loop9');
    expect(d.flags__name).toBe('IF_STATUS_API_FLAG_ADMIN_UP|IF_STATUS_API_FLAG_LINK_UP');
  });
});
