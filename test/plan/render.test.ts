import { describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import { renderCli, renderJson, renderMarkdown, renderText } from '../../src/plan/render/index.js';
import { modelCaller } from '../apply/model-caller.js';
import { AFTER, BEFORE } from './scenario.js';

async function scenarioPlan() {
  const vpp = modelCaller();
  await applyDesired(vpp, stateToObjects(BEFORE));
  return (await planFor(vpp, stateToObjects(AFTER))).plan;
}

describe('renderers', () => {
  it('text: grouped, + ~ - -/+, old → new, set changes, summary line', async () => {
    const text = renderText(await scenarioPlan());
    expect(text).toContain('interfaces\n');
    expect(text).toContain('  + interface loop1');
    expect(text).toContain('  ~ interface loop0');
    expect(text).toContain('      mtu: 9000 → 1500');
    expect(text).toContain('      addresses: +2001:db8::1/64');
    expect(text).toContain('  -/+ interface loop0.100 (must be recreated: sub.outerVlan changed)');
    expect(text).toContain('  - interface loop7');
    expect(text).toContain('      vrf.ipv4: 20 → 10');
    expect(text).toContain('Plan: 5 to create, 3 to update, 1 to replace, 4 to delete');
    expect(text).not.toContain('\u001b['); // no colour unless asked
  });

  it('json: stable schema with ops, dependencies and symbolic interface references', async () => {
    const plan = await scenarioPlan();
    const j = JSON.parse(renderJson(plan)) as {
      format_version: number;
      summary: Record<string, unknown>;
      changes: Array<Record<string, unknown>>;
      ops: Array<{ message: string; args: Record<string, unknown>; after: number[]; index: number }>;
    };
    expect(j.format_version).toBe(1);
    expect(j.summary).toMatchObject({ create: 5, update: 3, replace: 1, delete: 4, in_sync: false });
    const addr = j.ops.find(
      (o) => o.message === 'sw_interface_add_del_address' && o.args.prefix === '10.9.0.1/24',
    );
    expect(addr?.args.sw_if_index).toBe('$if:loop1');
    for (const o of j.ops) for (const a of o.after) expect(a).toBeLessThan(o.index);
  });

  it('markdown: a diff block per kind for pull requests', async () => {
    const md = renderMarkdown(await scenarioPlan());
    expect(md).toContain('### vppstate plan');
    expect(md).toContain('```diff');
    expect(md).toContain('+ + interface loop1');
  });

  it('cli: the equivalent vppctl commands in order', async () => {
    const cli = renderCli(await scenarioPlan());
    expect(cli).toContain('create loopback interface instance 1');
    expect(cli).toContain('set interface ip address loop1 10.9.0.1/24');
    expect(cli).toContain('set interface ip table loop5 10');
    expect(cli.indexOf('ip table add 10')).toBeLessThan(cli.indexOf('set interface ip table loop5 10'));
  });
});
