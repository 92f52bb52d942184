/**
 * bench:client against a real VPP (`--real`: started from ../shared/vpp; `--socket PATH`: one
 * already running): the same work, in one run, through vppstate's client, through vpp_papi (where
 * python3 and ../shared/vpp are present) and through a raw client that pre-builds its frames and
 * only counts replies (VPP's own ceiling): sequential and pipelined control_pings, and dumps of
 * 1,000 and 10,000 interfaces (loopbacks the bench creates, and deletes again on a VPP it does not
 * own).
 */
import { VppClient } from '../src/api/client/client.js';
import type { ApiDefinitions } from '../src/api/definitions/index.js';
import { Papi } from './lib/papi.js';
import { RawClient, type Call } from './lib/raw.js';
import { argValue, fmtMs, papiPath, table, type Instance, type Target } from './lib/targets.js';

const SEQ = Number(argValue('--seq') ?? 20_000);
const PIPELINED = Number(argValue('--pipelined') ?? 200_000);
/** Calls in flight for the pipelined runs, the same for all three clients. */
const WINDOW = Number(argValue('--window') ?? 1_000);
const DUMP_RUNS = 5;
/** Turns vppstate and the raw client take at the pings. */
const ROUNDS = 5;
const DUMP_SIZES = [1_000, 10_000];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const perS = (n: number, ms: number): number => (n / ms) * 1000;
const fmtRate = (r: number): string => `${Math.round(r).toLocaleString('en')}/s`;
const pct = (x: number): string => `${Math.round(x * 100)} %`;

interface Row {
  readonly what: string;
  readonly vppstate: string;
  readonly papi: string;
  readonly raw: string;
  /** vppstate's speed as a share of the ceiling's. */
  readonly share: number;
  readonly papiShare?: number;
}

/** `total` control_pings through a sliding window (every reply sends the next call): milliseconds. */
export async function pipelined(client: VppClient, total: number, window: number): Promise<number> {
  const t = performance.now();
  await new Promise<void>((res, rej) => {
    let sent = 0;
    let done = 0;
    const next = (): void => {
      sent++;
      client.call('control_ping').then(() => {
        if (++done === total) res();
        else if (sent < total) next();
      }, rej);
    };
    for (let i = 0; i < Math.min(window, total); i++) next();
  });
  return performance.now() - t;
}

/** Loopbacks until VPP has at least `count` interfaces; their indexes (to delete them again). */
async function growTo(client: VppClient, count: number): Promise<number[]> {
  const have = (await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff })).length;
  const replies = await Promise.all(
    Array.from({ length: Math.max(0, count - have) }, () => client.call('create_loopback', {})),
  );
  return replies.map((r) => Number(r.sw_if_index));
}

export async function realClientBench(target: Target): Promise<void> {
  const papiPy = await papiPath();
  const inst: Instance = await target.instance();
  const client = await VppClient.connect({ socket: inst.socket, timeoutMs: 120_000 });
  const raw = await RawClient.connect(inst.socket);
  const papi = papiPy && inst.apiDir ? new Papi(papiPy, inst.socket, inst.apiDir) : undefined;
  const defs: ApiDefinitions = client.definitions;
  const rows: Row[] = [];
  const created: number[] = [];
  const say = (s: string): boolean => process.stderr.write(`  ${s}\n`);
  try {
    // Warm-up: codecs compiled, JIT settled.
    for (let i = 0; i < 2000; i++) await client.call('control_ping');
    await pipelined(client, 20_000, WINDOW);

    // vppstate and the raw client take turns (ROUNDS each, the best of each kept), so that a
    // change in the machine's load during the run does not favour one of them.
    const pings = (n: number): Call[] => Array.from({ length: n }, () => ['control_ping', {}] as Call);
    const seqFrames = raw.encode(defs, pings(SEQ / ROUNDS));
    await raw.replay(raw.encode(defs, pings(2000)), 1);
    let seq = 0;
    let rawSeqRate = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const t = performance.now();
      for (let i = 0; i < SEQ / ROUNDS; i++) await client.call('control_ping');
      seq = Math.max(seq, perS(SEQ / ROUNDS, performance.now() - t));
      rawSeqRate = Math.max(rawSeqRate, perS(SEQ / ROUNDS, (await raw.replay(seqFrames, 1)).ms));
    }
    const rawSeq = { ms: (SEQ / rawSeqRate) * 1000 };
    const p = papi ? await papi.run<{ calls: number; ms: number }>('ping-seq', SEQ) : undefined;
    rows.push({
      what: `sequential control_ping (${SEQ.toLocaleString('en')} calls, one at a time; vppstate and the ceiling: best of ${ROUNDS} turns)`,
      vppstate: fmtRate(seq),
      papi: p ? fmtRate(perS(p.calls, p.ms)) : '—',
      raw: fmtRate(perS(SEQ, rawSeq.ms)),
      share: seq / perS(SEQ, rawSeq.ms),
      papiShare: p ? perS(p.calls, p.ms) / perS(SEQ, rawSeq.ms) : undefined,
    });
    say(`sequential: ${rows.at(-1)!.vppstate} (ceiling ${rows.at(-1)!.raw})`);

    const pipFrames = raw.encode(defs, pings(PIPELINED / ROUNDS));
    let pip = 0;
    let rawPipRate = 0;
    for (let round = 0; round < ROUNDS; round++) {
      pip = Math.max(pip, perS(PIPELINED / ROUNDS, await pipelined(client, PIPELINED / ROUNDS, WINDOW)));
      rawPipRate = Math.max(rawPipRate, perS(PIPELINED / ROUNDS, (await raw.replay(pipFrames, WINDOW)).ms));
    }
    const rawPip = { ms: (PIPELINED / rawPipRate) * 1000 };
    const pp = papi
      ? await papi.run<{ calls: number; ms: number }>('ping-pipelined', PIPELINED / 4, WINDOW)
      : undefined;
    rows.push({
      what: `pipelined control_ping (${WINDOW.toLocaleString('en')} in flight; vpp_papi ${(PIPELINED / 4).toLocaleString('en')} calls, the others best of ${ROUNDS} turns of ${(PIPELINED / ROUNDS).toLocaleString('en')})`,
      vppstate: fmtRate(pip),
      papi: pp ? fmtRate(perS(pp.calls, pp.ms)) : '—',
      raw: fmtRate(perS(PIPELINED, rawPip.ms)),
      share: pip / perS(PIPELINED, rawPip.ms),
      papiShare: pp ? perS(pp.calls, pp.ms) / perS(PIPELINED, rawPip.ms) : undefined,
    });
    say(`pipelined: ${rows.at(-1)!.vppstate} (ceiling ${rows.at(-1)!.raw})`);

    const dumpFrames = raw.encode(defs, [
      ['sw_interface_dump', { sw_if_index: 0xffffffff }],
      ['control_ping', {}],
    ]);
    const pingReply = raw.idOf(defs, 'control_ping_reply');
    for (const size of DUMP_SIZES) {
      created.push(...(await growTo(client, size)));
      let details = 0;
      const ours: number[] = [];
      await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
      for (let i = 0; i < DUMP_RUNS; i++) {
        const t = performance.now();
        details = (await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff })).length;
        ours.push(performance.now() - t);
      }
      const ceiling: number[] = [];
      await raw.dumpOnce(dumpFrames, pingReply);
      for (let i = 0; i < DUMP_RUNS; i++) ceiling.push((await raw.dumpOnce(dumpFrames, pingReply)).ms);
      const pd = papi ? await papi.run<{ details: number; ms: number }>('dump', DUMP_RUNS) : undefined;
      rows.push({
        what: `sw_interface_dump of ${details.toLocaleString('en')} interfaces (median of ${DUMP_RUNS})`,
        vppstate: fmtMs(median(ours)),
        papi: pd ? fmtMs(pd.ms) : '—',
        raw: fmtMs(median(ceiling)),
        share: median(ceiling) / median(ours),
        papiShare: pd ? median(ceiling) / pd.ms : undefined,
      });
      say(`dump of ${details}: ${rows.at(-1)!.vppstate} (ceiling ${rows.at(-1)!.raw})`);
    }
  } finally {
    raw.close();
    if (target.kind === 'socket' && created.length > 0)
      await Promise.all(created.map((i) => client.call('delete_loopback', { sw_if_index: i })));
    await client.disconnect().catch(() => undefined);
    await inst.close();
  }
  process.stdout.write(
    `bench:client on ${target.label}, Node ${process.version}, one run\n\n${table(
      [
        'measure',
        'vppstate',
        'vpp_papi',
        "VPP's ceiling (raw frames)",
        'vppstate / ceiling',
        'vpp_papi / ceiling',
      ],
      rows.map((r) => [
        r.what,
        r.vppstate,
        r.papi,
        r.raw,
        pct(r.share),
        r.papiShare !== undefined ? pct(r.papiShare) : '—',
      ]),
    )}\n`,
  );
}
