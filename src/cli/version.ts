import { readFileSync } from 'node:fs';

/**
 * The package's version, from the nearest package.json above this module: src/cli (tsx),
 * dist/cli (tsc) and dist/bin (the bundle) alike.
 */
export function packageVersion(): string {
  for (let up = '../'; up.length < 5 * 3; up += '../') {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'vppstate' && pkg.version) return pkg.version;
    } catch {
      // not here: one folder up
    }
  }
  return 'unknown';
}
