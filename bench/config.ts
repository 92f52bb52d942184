/**
 * Configuration loading: generated configurations (interfaces with addresses in several VRFs,
 * static routes through them), loaded from text as `vppstate plan` would; total time and the
 * time per phase (YAML parse + positions, JSON Schema, meaning + model).
 * Run: npm run bench:config   (BENCH_RUNS=n, default 3; the best run is shown)
 */
import { cpus, loadavg } from 'node:os';
import { loadConfigFromInputs } from '../src/config/index.js';
import type { LoadTimings } from '../src/config/index.js';
import { parseYamlStreamWithYaml } from '../src/config/source.js';
import { generateConfig } from './lib/generate.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

console.log(
  `bench:config — Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`,
);
for (const [nIf, nRoutes] of [
  [1_000, 10_000],
  [10_000, 100_000],
]) {
  const text = generateConfig(nIf, nRoutes);
  const input = { file: 'generated.yaml', text };
  let best: (LoadTimings & { total: number }) | undefined;
  for (let run = 0; run < RUNS; run++) {
    const timings: LoadTimings = { parse: 0, schema: 0, semantic: 0 };
    const t0 = performance.now();
    const loaded = loadConfigFromInputs([input], timings);
    const total = performance.now() - t0;
    if (!loaded.valid) throw new Error(`generated configuration is invalid: ${loaded.errors[0].message}`);
    if (!best || total < best.total) best = { ...timings, total };
  }
  // What plan rendering does: the `(file:line)` of every object (positions are found lazily).
  const loaded = loadConfigFromInputs([input]);
  const t2 = performance.now();
  let found = 0;
  for (const name of Object.keys(loaded.state.interfaces))
    if (loaded.positions.of('interfaces', name)) found++;
  for (const key of Object.keys(loaded.state.routes)) if (loaded.positions.of('routes', key)) found++;
  const positions = performance.now() - t2;
  // The reference parser (used for syntax errors and unusual documents), for comparison.
  const t1 = performance.now();
  parseYamlStreamWithYaml(input);
  const reference = performance.now() - t1;
  const b = best as LoadTimings & { total: number };
  console.log(
    `${nIf.toLocaleString('en')} interfaces + ${nRoutes.toLocaleString('en')} routes ` +
      `(${(text.length / 1e6).toFixed(1)} MB): load ${fmt(b.total)} = parse ${fmt(b.parse)} + ` +
      `schema ${fmt(b.schema)} + semantic ${fmt(b.semantic)}; ` +
      `positions of all ${found.toLocaleString('en')} objects ${fmt(positions)}; ` +
      `(\`yaml\` reference parse alone: ${fmt(reference)})`,
  );
}
