// The `vppstate` command as users run it: src/cli/main.ts bundled by esbuild into dist/bin/, one
// file per command action (each still loaded only when its command runs) plus shared chunks, so
// that a command loads a few files instead of a hundred modules. Packages stay in node_modules.
// The library (dist/index.js, dist/api, dist/sim) is tsc's output; `npm run build` makes both.
// Usage: node scripts/bundle.mjs [OUTDIR]   (default dist/bin)
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist/bin';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { vppstate: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: '[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
