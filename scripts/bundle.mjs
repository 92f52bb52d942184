// The `vppstate` command as users run it: src/cli/main.ts bundled by esbuild into dist/bin/, one
// file per command action (each still loaded only when its command runs) plus shared chunks, so
// that a command loads a few files instead of a hundred modules. The small packages every command
// loads (commander, js-yaml, picocolors, yaml) are bundled too: resolving and loading them from
// node_modules costs a fresh process more than their code does. The others stay in node_modules
// (loaded only by the commands that need them; pino also starts worker files of its own).
// The library (dist/index.js, dist/api, dist/sim) is tsc's output; `npm run build` makes both.
// Usage: node scripts/bundle.mjs [OUTDIR]   (default dist/bin)
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set(['commander', 'js-yaml', 'picocolors', 'yaml']);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(pkg.dependencies).filter((d) => !BUNDLED.has(d));

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
  external,
  // CommonJS packages bundled into ESM chunks call require() for node's own modules.
  banner: {
    js: "import { createRequire as __vppstateRequire } from 'node:module';\nconst require = __vppstateRequire(import.meta.url);",
  },
  chunkNames: '[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
});
