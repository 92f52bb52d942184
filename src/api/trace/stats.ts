/** Counts and latency per message of a trace (`vppstate trace stats`). */
import type { TraceEntry } from './file.js';
import { entryFailed } from './print.js';

export interface MessageStat {
  readonly name: string;
  readonly count: number;
  /** Negative retvals and requests that got no reply. */
  readonly errors: number;
  /** Details messages received (dumps and streams). */
  readonly details: number;
  /** How many have a latency (a trace VPP wrote has none). */
  readonly timed: number;
  /** Latency over the requests that have one (ms). */
  readonly totalMs: number;
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface TraceStats {
  readonly requests: number;
  readonly events: number;
  readonly errors: number;
  /** From the first message sent to the last answer (ms), when the trace has times. */
  readonly spanMs?: number;
  readonly messages: readonly MessageStat[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function traceStats(entries: readonly TraceEntry[]): TraceStats {
  const by = new Map<string, { count: number; errors: number; details: number; lat: number[] }>();
  let events = 0;
  let errors = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const e of entries) {
    const t = typeof e._ts === 'string' ? Date.parse(e._ts) : NaN;
    if (e._dir === 'rx') {
      events++;
      continue;
    }
    let s = by.get(e._msgname);
    if (s === undefined) by.set(e._msgname, (s = { count: 0, errors: 0, details: 0, lat: [] }));
    s.count++;
    if (entryFailed(e)) {
      s.errors++;
      errors++;
    }
    if (Array.isArray(e._details)) s.details += e._details.length;
    const ms = typeof e._ms === 'number' ? e._ms : undefined;
    if (ms !== undefined) s.lat.push(ms);
    if (!Number.isNaN(t)) {
      first = Math.min(first, t);
      last = Math.max(last, t + (ms ?? 0));
    }
  }
  const messages: MessageStat[] = [...by].map(([name, s]) => {
    const lat = [...s.lat].sort((a, b) => a - b);
    const total = lat.reduce((a, b) => a + b, 0);
    return {
      name,
      count: s.count,
      errors: s.errors,
      details: s.details,
      timed: lat.length,
      totalMs: r3(total),
      avgMs: r3(lat.length ? total / lat.length : 0),
      p50Ms: r3(percentile(lat, 50)),
      p99Ms: r3(percentile(lat, 99)),
      maxMs: r3(lat.length ? lat[lat.length - 1] : 0),
    };
  });
  messages.sort((a, b) => b.totalMs - a.totalMs || b.count - a.count || a.name.localeCompare(b.name));
  const requests = messages.reduce((a, m) => a + m.count, 0);
  return {
    requests,
    events,
    errors,
    ...(first <= last ? { spanMs: r3(last - first) } : {}),
    messages,
  };
}

/** The stats as an aligned table. */
export function formatStats(s: TraceStats): string {
  const rows = [
    ['message', 'count', 'errors', 'details', 'total ms', 'avg ms', 'p50 ms', 'p99 ms', 'max ms'],
    ...s.messages.map((m) => [
      m.name,
      String(m.count),
      String(m.errors),
      String(m.details),
      ...[m.totalMs, m.avgMs, m.p50Ms, m.p99Ms, m.maxMs].map((x) => (m.timed > 0 ? x.toFixed(3) : '-')),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '),
  );
  const span = s.spanMs !== undefined ? `, over ${(s.spanMs / 1000).toFixed(3)} s` : '';
  lines.push(
    '',
    `${s.requests} requests (${s.messages.length} kinds), ${s.errors} failed, ${s.events} events received${span}`,
  );
  return `${lines.join('\n')}\n`;
}
