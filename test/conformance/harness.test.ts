/**
 * The differential harness itself: what it records, how it compares, what a difference says.
 * Runs on the simulator only (the scenarios suite holds it against the real VPP).
 */
import { describe, expect, it } from 'vitest';
import { type Recording, compareRecordings, formatDifference } from './harness.js';
import { ScenarioError, ref, scenario } from './scenario.js';
import { runOnSim } from './targets.js';

const probe = scenario('harness-probe', 'a loopback, its index used by the next steps', (b) => {
  b.call(
    'create_loopback_instance',
    { mac_address: '00:00:00:00:00:00', is_specified: false, user_instance: 0 },
    'a',
  );
  b.call('sw_interface_set_flags', { sw_if_index: ref('a'), flags: 1 });
  b.call('sw_interface_dump', { sw_if_index: ref('a') });
  b.call('control_ping');
});

function edit(r: Recording, step: number, f: (s: Record<string, unknown>) => void): Recording {
  const copy = JSON.parse(JSON.stringify(r)) as Recording;
  f(copy.steps[step - 1] as unknown as Record<string, unknown>);
  return copy;
}

describe('differential harness', () => {
  it('records replies, details and the values a step binds, and two runs of a fresh simulator agree', async () => {
    const a = await runOnSim(probe, []);
    const b = await runOnSim(probe, []);
    expect(a.steps.map((s) => s.call)).toEqual([
      'create_loopback_instance',
      'sw_interface_set_flags',
      'sw_interface_dump',
      'control_ping',
    ]);
    expect(a.steps[0]!.reply).toEqual({
      name: 'create_loopback_instance_reply',
      fields: { retval: 0, sw_if_index: 1 },
    });
    expect(a.steps[1]!.args.sw_if_index).toBe(1);
    expect(a.steps[2]!.details).toHaveLength(1);
    expect(a.steps[2]!.details![0]!.flags).toBe(3);
    expect(compareRecordings(a, b)).toEqual([]);
  });

  it('prints a difference with its step, message, field path and both values', async () => {
    const a = await runOnSim(probe, []);
    const b = edit(a, 3, (s) => {
      ((s.details as Array<Record<string, unknown>>)[0] as Record<string, unknown>).flags = 1;
    });
    const d = compareRecordings(a, b);
    expect(d.map((x) => formatDifference(x))).toEqual([
      'step 3 sw_interface_dump: details[0].flags: VPP 3, simulator 1',
    ]);
    const c = edit(a, 1, (s) => {
      (s.reply as { fields: Record<string, unknown> }).fields.retval = -31;
    });
    expect(compareRecordings(a, c).map((x) => formatDifference(x))).toEqual([
      'step 1 create_loopback_instance: reply.retval: VPP 0, simulator -31',
    ]);
    const e = edit(a, 3, (s) => {
      (s.details as unknown[]).push({});
    });
    expect(compareRecordings(a, e)[0]).toMatchObject({ step: 3, path: 'details (count)', vpp: 1, sim: 2 });
  });

  it('skips the fields declared volatile for a message, and only those', async () => {
    const a = await runOnSim(probe, []);
    const b = edit(a, 4, (s) => {
      (s.reply as { fields: Record<string, unknown> }).fields.vpe_pid = 1;
    });
    expect(compareRecordings(a, b)).toEqual([]);
    const c = edit(a, 4, (s) => {
      (s.reply as { fields: Record<string, unknown> }).fields.client_index = 1;
    });
    expect(compareRecordings(a, c).map((x) => x.path)).toEqual(['reply.client_index']);
  });

  it('refuses a step that refers to a name no earlier step bound', async () => {
    const bad = scenario('harness-bad', 'unbound', (b) => {
      b.call('sw_interface_set_flags', { sw_if_index: ref('nowhere'), flags: 1 });
    });
    await expect(runOnSim(bad, [])).rejects.toThrow(ScenarioError);
    await expect(runOnSim(bad, [])).rejects.toThrow(
      /harness-bad step 1 \(sw_interface_set_flags\): nowhere is not bound/,
    );
  });
});
