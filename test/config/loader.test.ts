import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigValidationError,
  loadConfig,
  loadConfigOrThrow,
  parseConfig,
  STDIN_NAME,
} from '../../src/config/index.js';
import { VppstateError } from '../../src/errors.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vppstate-config-'));
  for (const [name, text] of Object.entries(files)) {
    const full = join(root, name);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

describe('loading', () => {
  it('merges sections across files, directories (sorted, recursive, hidden skipped) and documents', async () => {
    const root = tree({
      'b/interfaces.yaml': 'interfaces:\n  loop0: {}\n---\ninterfaces:\n  loop1: {}\n',
      'a/routing.yml': 'vrfs:\n  10: {}\nroutes:\n  - prefix: 10.0.0.0/8\n    vrf: 10\n    type: drop\n',
      'a/.hidden.yaml': 'this: is not loaded\n',
      'a/notes.txt': 'not yaml',
    });
    const loaded = await loadConfig([root]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.files).toEqual([join(root, 'a/routing.yml'), join(root, 'b/interfaces.yaml')]);
    expect(loaded.documents).toBe(3);
    expect(Object.keys(loaded.state.interfaces)).toEqual(['loop0', 'loop1']);
    expect(Object.keys(loaded.state.routes)).toEqual(['10:10.0.0.0/8']);
  });

  it('reads stdin for -', async () => {
    const loaded = await loadConfig(['-'], {
      readStdin: async () => 'interfaces:\n  loop0:\n    mtu: 99999\n',
    });
    expect(loaded.errors.map((e) => e.message)).toEqual([
      `${STDIN_NAME}:3:10: interfaces.loop0.mtu: must be ≤ 9216 (got 99999)`,
    ]);
  });

  it('reports unreadable paths and empty directories without throwing', async () => {
    const root = tree({ 'empty/.keep': '' });
    const loaded = await loadConfig([join(root, 'missing.yaml'), join(root, 'empty')]);
    expect(loaded.errors.map((e) => [e.code, e.line, e.detail])).toEqual([
      ['CONFIG_IO', 0, 'cannot read: ENOENT'],
      ['CONFIG_IO', 0, 'directory contains no .yaml or .yml file'],
    ]);
  });

  it('accepts the Kubernetes-style wrapper and reports paths under spec', () => {
    const ok = parseConfig(
      'apiVersion: vppstate.io/v1alpha1\nkind: VppState\nmetadata: {name: x}\nspec:\n  interfaces:\n    loop0: {}\n',
    );
    expect(ok.errors).toEqual([]);
    expect(Object.keys(ok.state.interfaces)).toEqual(['loop0']);
    const bad = parseConfig(
      'apiVersion: vppstate.io/v1alpha1\nkind: VppState\nspec:\n  interfaces:\n    loop0: {mtu: 1}\n',
      'cr.yaml',
    );
    expect(bad.errors.map((e) => e.message)).toEqual([
      'cr.yaml:5:18: spec.interfaces.loop0.mtu: must be ≥ 64 (got 1)',
    ]);
  });

  it('says why table 0 cannot be declared', () => {
    expect(parseConfig('vrfs:\n  0: {}\n', 'v.yaml').errors.map((e) => e.message)).toEqual([
      'v.yaml:2:3: vrfs.0: table 0 always exists and is not declared',
    ]);
  });

  it('treats empty sections and empty entries as defaults, comment-only documents as nothing', () => {
    const loaded = parseConfig('# nothing\n---\ninterfaces:\n---\ninterfaces:\n  loop0:\nvrfs:\n  7:\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.state.interfaces.loop0.adminState).toBe('up');
    expect(loaded.state.vrfs['7']).toEqual({
      id: 7,
      ipv4: { name: 'ipv4-VRF:7' },
      ipv6: { name: 'ipv6-VRF:7' },
    });
  });

  it('supports anchors and merge keys for templating', () => {
    const loaded = parseConfig(
      'interfaces:\n  loop0: &base\n    mtu: 1500\n    admin-state: down\n  loop1:\n    <<: *base\n    mtu: 9000\n',
    );
    expect(loaded.errors).toEqual([]);
    expect(loaded.state.interfaces.loop1).toMatchObject({ mtu: 9000, adminState: 'down' });
  });

  it('sorts errors by file, line and column, and keeps collecting after the first', async () => {
    const root = tree({
      'a.yaml': 'interfaces:\n  loop0:\n    mtu: 1\n    mac: nope\n',
      'b.yaml': 'interfaces:\n  loop1:\n    admin-state: sideways\n',
    });
    const loaded = await loadConfig([join(root, 'b.yaml'), join(root, 'a.yaml')]);
    expect(loaded.errors.map((e) => [e.file.slice(root.length + 1), e.line, e.col])).toEqual([
      ['b.yaml', 3, 18],
      ['a.yaml', 3, 10],
      ['a.yaml', 4, 10],
    ]);
  });

  it('gives typed errors with a JSON form', () => {
    const [e] = parseConfig('interfaces:\n  loop0:\n    mtu: 10000\n', 'x.yaml').errors;
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toBeInstanceOf(VppstateError);
    expect(e.toJSON()).toEqual({
      file: 'x.yaml',
      line: 3,
      col: 10,
      path: 'interfaces.loop0.mtu',
      message: 'must be ≤ 9216 (got 10000)',
      code: 'CONFIG_SCHEMA',
    });
    expect(e.message).toBe('x.yaml:3:10: interfaces.loop0.mtu: must be ≤ 9216 (got 10000)');
  });

  it('loadConfigOrThrow throws every error at once', async () => {
    const root = tree({ 'a.yaml': 'interfaces:\n  loop0: {mtu: 1, mac: x}\n' });
    const err = await loadConfigOrThrow([join(root, 'a.yaml')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigValidationError);
    expect((err as ConfigValidationError).errors).toHaveLength(2);
    expect((err as ConfigValidationError).code).toBe('CONFIG_INVALID');
  });

  it('records where every object was declared', () => {
    const loaded = parseConfig(
      'interfaces:\n  loop0:\n    mtu: 1500\nroutes:\n  - prefix: 0.0.0.0/0\n    type: drop\n',
      'p.yaml',
    );
    expect(loaded.positions.of('interfaces', 'loop0')).toEqual({ file: 'p.yaml', line: 2, col: 3 });
    expect(loaded.positions.field('interfaces', 'loop0', ['mtu'])).toEqual({
      file: 'p.yaml',
      line: 3,
      col: 10,
    });
    expect(loaded.positions.of('routes', '0:0.0.0.0/0')).toEqual({ file: 'p.yaml', line: 5, col: 5 });
  });
});
