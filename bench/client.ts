/**
 * npm run bench:client [-- --real | --socket PATH] — VppClient against the in-repo SimServer over a
 * Unix socket; with --real or --socket, against a real VPP beside vpp_papi and VPP's ceiling
 * (bench/client-real.ts).
 * The server runs in a child process so that client and server each have a core, as a client
 * and VPP would. Measures sequential round trips, pipelined calls (10,000 in flight) and a
 * 10,000-details dump.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { connect as netConnect, createServer } from 'node:net';
import { VppClient, bundledDefinitions } from '../src/api/client/client.js';
import { ApiDefinitions, type ApiJsonFile } from '../src/api/definitions/index.js';
import { SimServer } from '../src/sim/server.js';
import type { SimOutMessage } from '../src/sim/types.js';
import { pipelined, realClientBench } from './client-real.js';
import { argValue, targetFromArgs } from './lib/targets.js';

const SHARED_API = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/vpp-api');
const DUMP_SIZE = 10_000;

/** sw_interface_details from VPP's own definitions when ../shared is there; a stand-in otherwise. */
const STANDIN: ApiJsonFile = {
  module: 'bench',
  messages: [
    [
      'sw_interface_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'sw_if_index'],
      { crc: '0x00000001' },
    ],
    [
      'sw_interface_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'sw_if_index'],
      ['u32', 'sup_sw_if_index'],
      ['u8', 'l2_address', 6],
      ['u32', 'flags'],
      ['u32', 'link_mtu'],
      ['u32', 'mtu', 4],
      ['string', 'interface_name', 64],
      ['string', 'interface_dev_type', 64],
      ['string', 'tag', 64],
      { crc: '0x00000002' },
    ],
  ],
  services: { sw_interface_dump: { reply: 'sw_interface_details', stream: true } },
};

function definitions(): ApiDefinitions {
  if (existsSync(join(SHARED_API, 'core'))) {
    return ApiDefinitions.fromDirectory(SHARED_API, {
      patterns: ['memclnt', 'vpe', 'vpe_types', 'interface', 'interface_types', 'ip_types', 'ethernet_types'],
    });
  }
  return bundledDefinitions().merge(ApiDefinitions.fromFiles([{ file: 'bench.api.json', json: STANDIN }]));
}

async function serve(socket: string): Promise<void> {
  const server = await SimServer.start({
    socket,
    definitions: definitions(),
    handlers: {
      sw_interface_dump: () => ({
        details: (function* (): Generator<SimOutMessage> {
          for (let i = 0; i < DUMP_SIZE; i++) {
            yield {
              name: 'sw_interface_details',
              fields: {
                sw_if_index: i,
                sup_sw_if_index: i,
                l2_address: new Uint8Array([0xde, 0xad, 0, 0, (i >> 8) & 0xff, i & 0xff]),
                flags: 3,
                link_mtu: 9000,
                mtu: [9000, 0, 0, 0],
                interface_name: `loop${i}`,
                interface_dev_type: 'Loopback',
                tag: '',
              },
            };
          }
        })(),
      }),
    },
  });
  // A bare echo server on a second socket: the floor any protocol over this socket type sits on.
  const echo = createServer((s) => s.on('data', (b: Buffer) => s.write(b)));
  await new Promise<void>((r) => echo.listen(`${socket}.echo`, r));
  process.send?.('ready');
  process.on('message', (m) => {
    if (m === 'stop') void server.close().then(() => process.exit(0));
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
}

/** CPU microseconds (user + system) the client and the server spent per operation. */
interface Cpu {
  client: NodeJS.CpuUsage;
  server: NodeJS.CpuUsage;
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

/** Sequential round trips of a 26-byte message through the echo server, no protocol: ms taken. */
async function rawPingPong(path: string, n: number): Promise<number> {
  const s = netConnect(path);
  await new Promise<void>((r) => s.once('connect', () => r()));
  const msg = Buffer.alloc(26);
  let wake: () => void = () => undefined;
  s.on('data', () => wake());
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    await new Promise<void>((r) => {
      wake = r;
      s.write(msg);
    });
  }
  const ms = performance.now() - t;
  s.destroy();
  return ms;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-bench-'));
  const socket = join(dir, 'api.sock');
  const child = fork(fileURLToPath(import.meta.url), ['--serve', socket], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []),
    ],
  });
  await new Promise<void>((res, rej) => {
    child.once('message', () => res());
    child.once('error', rej);
    child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
  });
  const serverCpu = (): Promise<NodeJS.CpuUsage> =>
    new Promise((res) => {
      const on = (m: unknown): void => {
        if (typeof m === 'object' && m !== null && 'cpu' in m) {
          child.off('message', on);
          res((m as { cpu: NodeJS.CpuUsage }).cpu);
        }
      };
      child.on('message', on);
      child.send('cpu');
    });
  const cpuStart = async (): Promise<Cpu> => ({ client: process.cpuUsage(), server: await serverCpu() });
  const cpuPer = async (from: Cpu, n: number): Promise<string> => {
    const c = process.cpuUsage(from.client);
    const sv = await serverCpu();
    const s = sv.user + sv.system - from.server.user - from.server.system;
    return `CPU per op: client ${((c.user + c.system) / n).toFixed(2)} µs, server ${(s / n).toFixed(2)} µs`;
  };
  const client = await VppClient.connect({ socket });
  const results: string[] = [];
  try {
    // Warm-up: compile codecs, let the JIT settle.
    for (let i = 0; i < 2000; i++) await client.call('control_ping');
    await Promise.all(Array.from({ length: 10_000 }, () => client.call('control_ping')));

    const SEQ = 30_000;
    const raw = await rawPingPong(`${socket}.echo`, SEQ);
    results.push(`baseline: bare Node ping-pong of 26 bytes over the same kind of socket: ${rate(SEQ, raw)}`);
    let cpu = await cpuStart();
    let t = performance.now();
    for (let i = 0; i < SEQ; i++) await client.call('control_ping');
    let ms = performance.now() - t;
    results.push(
      `sequential control_ping: ${SEQ.toLocaleString('en-US')} calls in ${ms.toFixed(0)} ms = ${rate(SEQ, ms)} (${await cpuPer(cpu, SEQ)})`,
    );

    // A sliding window: every reply sends the next call, so 10,000 stay in flight throughout.
    const WINDOW = 10_000;
    const total = 300_000;
    cpu = await cpuStart();
    ms = await pipelined(client, total, WINDOW);
    results.push(
      `pipelined control_ping (${WINDOW.toLocaleString('en-US')} in flight): ${total.toLocaleString('en-US')} calls in ${ms.toFixed(0)} ms = ${rate(total, ms)} (${await cpuPer(cpu, total)})`,
    );

    await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
    const times: number[] = [];
    cpu = await cpuStart();
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const d = await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
      times.push(performance.now() - t);
      if (d.length !== DUMP_SIZE) throw new Error(`dump returned ${d.length}`);
    }
    const dumpCpu = await cpuPer(cpu, 5 * DUMP_SIZE);
    times.sort((a, b) => a - b);
    results.push(
      `sw_interface_dump of ${DUMP_SIZE.toLocaleString('en-US')} details: median ${times[2].toFixed(1)} ms (best ${times[0].toFixed(1)} ms) = ${rate(DUMP_SIZE, times[2])} details (${dumpCpu.replace('op', 'details message')})`,
    );
  } finally {
    await client.disconnect();
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    child.send('stop');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  results.push(...(await inProcess()));
  console.log(`bench:client (Node ${process.version}, server in a child process, Unix socket)`);
  for (const r of results) console.log(`  ${r}`);
}

/**
 * The same protocol over the same kind of socket with the server in this process: no wake-up
 * across vCPUs, which on an idle VM costs more than the whole protocol (see the baseline).
 */
async function inProcess(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-bench-'));
  const socket = join(dir, 'api.sock');
  const server = await SimServer.start({ socket, definitions: definitions() });
  const client = await VppClient.connect({ socket });
  try {
    for (let i = 0; i < 2000; i++) await client.call('control_ping');
    const SEQ = 30_000;
    const t = performance.now();
    for (let i = 0; i < SEQ; i++) await client.call('control_ping');
    const ms = performance.now() - t;
    return [
      `sequential control_ping, server in this process: ${SEQ.toLocaleString('en-US')} calls in ${ms.toFixed(0)} ms = ${rate(SEQ, ms)}`,
    ];
  } finally {
    await client.disconnect();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serve(process.argv[serveAt + 1]);
else if (process.argv.includes('--real') || argValue('--socket') || process.env.VPPSTATE_BENCH_SOCKET)
  await realClientBench(targetFromArgs());
else await main();
