import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

// Each broken fixture has a sibling .expected with the exact messages, in order (sorted by position).
const DIR = join(REPO_ROOT, 'test/fixtures/config');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected'))
  .map((f) => f.slice(0, -'.expected'.length));

describe('broken configurations give exact messages at exact positions', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(10));
  for (const name of fixtures) {
    it(name, async () => {
      const target = readdirSync(DIR).includes(`${name}.yaml`) ? `${name}.yaml` : name;
      const loaded = await loadConfig([join(DIR, target)]);
      expect(loaded.valid).toBe(false);
      const got = loaded.errors.map((e) => e.message.split(`${DIR}/`).join('')).join('\n') + '\n';
      expect(got).toBe(readFileSync(join(DIR, `${name}.expected`), 'utf8'));
    });
  }
});
