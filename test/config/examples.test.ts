import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, stateToYaml } from '../../src/config/index.js';
import { hardwareFromDocuments } from '../../src/cli/commands/sim.run.js';
import { REPO_ROOT } from '../helpers/shared.js';

const DIR = join(REPO_ROOT, 'examples');
const examples = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('examples', () => {
  it('cover the scenarios the README promises', () => {
    for (const name of [
      'quickstart',
      'edge-router',
      'l2-service-chain',
      'vxlan-overlay',
      'nat44-gateway',
      'macswap',
    ])
      expect(examples).toContain(`${name}.yaml`);
  });

  for (const file of examples) {
    describe(file, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      it('is valid', async () => {
        const loaded = await loadConfig([join(DIR, file)]);
        expect(loaded.errors.map((e) => e.message)).toEqual([]);
        expect(Object.keys(loaded.state.interfaces).length).toBeGreaterThan(0);
      });
      it('has an editor modeline and a comment header saying what it builds', () => {
        const lines = text.split('\n');
        expect(lines[0]).toBe('# yaml-language-server: $schema=../schemas/vppstate.schema.json');
        expect(lines.slice(1, 4).join('\n')).toMatch(/# .*\w/);
        expect(text).toMatch(/It builds:/);
      });
      it('says in its header how to run it on the simulator and on a real VPP, naming its ports', async () => {
        const header = text.slice(0, text.search(/^[^#]/m));
        expect(header).toContain(
          `#   vppstate sim --socket /tmp/vpp-api.sock --hardware-from examples/${file} &`,
        );
        expect(header).toContain(`#   vppstate apply --socket /tmp/vpp-api.sock examples/${file}`);
        expect(header).toContain(`#   vppstate apply --socket /run/vpp/api.sock examples/${file}`);
        const ports = (await hardwareFromDocuments([join(DIR, file)])).map((p) => p.name);
        if (ports.length > 0)
          expect(header).toContain(`On a real VPP that has the ports ${ports.join(' and ')}`);
      });
      it('round-trips through export: state → YAML → state is identical', () => {
        const first = parseConfig(text, file);
        const yaml = stateToYaml(first.state);
        const second = parseConfig(yaml, 'exported.yaml');
        expect(second.errors.map((e) => e.message)).toEqual([]);
        expect(second.state).toEqual(first.state);
      });
    });
  }
});

describe('every field round-trips through export', () => {
  it('kitchen-sink fixture: valid, and state → YAML → state is identical', () => {
    const text = readFileSync(join(REPO_ROOT, 'test/fixtures/config/kitchen-sink.yaml'), 'utf8');
    const first = parseConfig(text, 'kitchen-sink.yaml');
    expect(first.errors.map((e) => e.message)).toEqual([]);
    const second = parseConfig(stateToYaml(first.state), 'exported.yaml');
    expect(second.errors.map((e) => e.message)).toEqual([]);
    expect(second.state).toEqual(first.state);
    expect(first.state.absent).toEqual({
      interfaces: ['loop2'],
      vrfs: ['15'],
      routes: ['0:203.0.113.0/24'],
      bridgeDomains: ['7'],
      l2Xconnects: ['memif2/2'],
      acls: ['old'],
    });
  });
});
