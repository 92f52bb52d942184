/**
 * The controller's HTTP endpoint: /metrics (Prometheus text), /healthz (the process answers),
 * /readyz (connected and the last reconcile succeeded), /status (JSON). GET and HEAD only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VppstateError } from '../errors.js';

export interface Listen {
  /** '' for every address (IPv6 and IPv4 where the host has both). */
  readonly host: string;
  readonly port: number;
}

/** `HOST:PORT`, `:PORT` (every address), `[::1]:PORT` or `PORT` (loopback). */
export function parseListen(spec: string): Listen {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(spec) ?? /^()()(\d+)$/.exec(spec);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new VppstateError(
      'run.listen',
      `--listen ${spec}: expected HOST:PORT (e.g. 127.0.0.1:9470, :9470 for every address, [::1]:9470)`,
    );
  const host = m[1] ?? m[2];
  return { host: host === '' && spec.startsWith(':') ? '' : host || '127.0.0.1', port };
}

export interface Endpoints {
  metrics(): Promise<{ contentType: string; body: string }>;
  ready(): { ready: boolean; reason: string };
  status(): unknown;
}

export interface HttpEndpoint {
  readonly address: Listen;
  close(): Promise<void>;
}

function send(res: ServerResponse, code: number, type: string, body: string, head: boolean): void {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

async function handle(e: Endpoints, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, TEXT_TYPE, 'method not allowed\n', false);
  }
  const path = (req.url ?? '/').split('?')[0];
  switch (path) {
    case '/metrics': {
      const m = await e.metrics();
      return send(res, 200, m.contentType, m.body, head);
    }
    case '/healthz':
      return send(res, 200, TEXT_TYPE, 'ok\n', head);
    case '/readyz': {
      const r = e.ready();
      return send(
        res,
        r.ready ? 200 : 503,
        TEXT_TYPE,
        `${r.ready ? 'ready' : 'not ready'}: ${r.reason}\n`,
        head,
      );
    }
    case '/status':
      return send(res, 200, JSON_TYPE, `${JSON.stringify(e.status(), null, 2)}\n`, head);
    case '/':
      return send(res, 200, TEXT_TYPE, 'vppstate run: /metrics /healthz /readyz /status\n', head);
    default:
      return send(
        res,
        404,
        TEXT_TYPE,
        `not found: ${path} (try /metrics, /healthz, /readyz, /status)\n`,
        head,
      );
  }
}

/** Listens; fails with a clear error when the address is taken or not ours. */
export async function startHttp(listen: Listen, endpoints: Endpoints): Promise<HttpEndpoint> {
  const server: Server = createServer((req, res) => {
    handle(endpoints, req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, TEXT_TYPE, `${err instanceof Error ? err.message : String(err)}\n`, false);
      else res.destroy();
    });
  });
  // Scrapes and probes are short: do not let an idle keep-alive connection delay shutdown.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new VppstateError(
          'run.listen',
          `cannot listen on ${listen.host || '*'}:${listen.port}: ${err.code ?? err.message}${
            err.code === 'EADDRINUSE' ? ' (another process uses this port: pick another with --listen)' : ''
          }`,
        ),
      ),
    );
    // No host: Node listens on every address, IPv6 and IPv4 where the host has both.
    if (listen.host === '') server.listen(listen.port, () => resolve());
    else server.listen(listen.port, listen.host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  return {
    address: { host: a.address, port: a.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
