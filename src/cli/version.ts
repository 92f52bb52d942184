import { readFileSync } from 'node:fs';

/** The package's version; works from src/cli (tsx) and dist/cli alike: package.json is two folders up. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
