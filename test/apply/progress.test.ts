import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/apply/progress.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d: Buffer) => (out += d.toString()));
  return { stream, text: () => out };
}

describe('progress', () => {
  it('writes plain periodic lines when not on a terminal', async () => {
    const s = sink();
    const p = createProgress({ tty: false, stream: s.stream, intervalMs: 0 });
    await new Promise((r) => setTimeout(r, 2));
    p.update(5, 10);
    p.update(10, 10);
    p.stop();
    expect(s.text()).toMatch(/^applied 5\/10 ops \(\d+ ops\/s\)\napplied 10\/10 ops/);
  });

  it('is silent with --quiet', () => {
    const s = sink();
    const p = createProgress({ quiet: true, stream: s.stream });
    p.update(1, 2);
    p.stop();
    expect(s.text()).toBe('');
  });

  it('draws a bar with counts and rate on a terminal', async () => {
    const s = sink();
    const p = createProgress({ tty: true, stream: s.stream });
    p.update(3, 4);
    p.stop();
    await new Promise((r) => setImmediate(r));
    expect(s.text()).toContain('3/4 ops');
    expect(s.text()).toContain('ops/s');
  });
});
