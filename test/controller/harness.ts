/**
 * Drives `vppstate run` as a user would: a child process, its JSON log lines, its HTTP endpoint,
 * signals. Documents live in a Kubernetes ConfigMap-style directory (`..data` symlink) plus a
 * plain file that is edited the way editors save (write a temporary file, rename it over).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from '../helpers/cli.js';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly reconcile?: string;
  readonly result?: string;
  readonly triggers?: string[];
  readonly [k: string]: unknown;
}

export interface RunProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  /** Standard error (not JSON: only what is not a log line, e.g. a crash). */
  stderr(): string;
  /** The HTTP port it listens on (from its first log line). */
  port(): Promise<number>;
  /** Resolves with the first log line (from index `from` on) that matches. */
  waitFor(pred: (l: LogLine) => boolean, what: string, timeoutMs?: number, from?: number): Promise<LogLine>;
  /** Reconciles finished (or failed) so far. */
  reconciles(): LogLine[];
  get(path: string): Promise<{ status: number; body: string }>;
  /** Sends a signal and resolves with the exit code. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export const isReconcileEnd = (l: LogLine): boolean =>
  typeof l.reconcile === 'string' && /^reconcile r\d+ (finished|failed|stopped)/.test(l.msg);

export function spawnRun(socket: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): RunProcess {
  const child = spawnCli(
    [
      '--socket',
      socket,
      'run',
      '--listen',
      '127.0.0.1:0',
      '--log-format',
      'json',
      '--debounce',
      '150',
      ...args,
    ],
    { env },
  );
  const logs: LogLine[] = [];
  let err = '';
  let buf = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        err += `(stdout, not JSON) ${line}\n`;
      }
    }
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const tail = (): string =>
    logs
      .slice(-25)
      .map((l) => `  ${l.reconcile ?? '  '} ${l.msg}`)
      .join('\n') + (err ? `\nstderr:\n${err}` : '');
  const waitFor = (
    pred: (l: LogLine) => boolean,
    what: string,
    timeoutMs = 30_000,
    from = 0,
  ): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = logs.slice(from).find(pred);
        if (hit) {
          clear();
          resolve(hit);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        clear();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}\nlast log lines:\n${tail()}`));
      }, timeoutMs);
      const onExit = (): void => {
        if (!check()) {
          clear();
          reject(new Error(`vppstate run exited while waiting for: ${what}\n${tail()}`));
        }
      };
      const clear = (): void => {
        clearTimeout(timer);
        waiters.delete(w);
        child.off('exit', onExit);
      };
      const w = (): void => void check();
      if (check()) return;
      waiters.add(w);
      child.on('exit', onExit);
    });
  const port = async (): Promise<number> => {
    const l = await waitFor((x) => typeof x.port === 'number', 'the HTTP port');
    return l.port as number;
  };
  return {
    child,
    logs,
    stderr: () => err,
    port,
    waitFor,
    reconciles: () => logs.filter(isReconcileEnd),
    async get(path) {
      const res = await fetch(`http://127.0.0.1:${await port()}${path}`);
      return { status: res.status, body: await res.text() };
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
}

/**
 * A directory laid out like a Kubernetes ConfigMap volume: `<key> -> ..data/<key>`,
 * `..data -> ..<timestamp>`; `swap()` updates it the way the kubelet does.
 */
export class ConfigMapDir {
  readonly dir: string;
  private n = 0;
  private current = '';
  constructor(
    parent: string,
    private readonly keys: readonly string[],
  ) {
    this.dir = join(parent, 'configmap');
    mkdirSync(this.dir);
  }

  /** First content (before the controller starts). */
  init(files: Readonly<Record<string, string>>): void {
    this.current = this.writeGeneration(files);
    symlinkSync(this.current, join(this.dir, '..data'));
    for (const k of this.keys) symlinkSync(join('..data', k), join(this.dir, k));
  }

  /** New timestamped directory, `..data_tmp` symlink renamed over `..data`, old directory removed. */
  swap(files: Readonly<Record<string, string>>): void {
    const next = this.writeGeneration(files);
    symlinkSync(next, join(this.dir, '..data_tmp'));
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data'));
    rmSync(join(this.dir, this.current), { recursive: true, force: true });
    this.current = next;
  }

  private writeGeneration(files: Readonly<Record<string, string>>): string {
    const name = `..2026_01_01_00_00_0${++this.n}.${process.pid}`;
    mkdirSync(join(this.dir, name));
    for (const [k, v] of Object.entries(files)) writeFileSync(join(this.dir, name, k), v);
    return name;
  }
}

/** Saves the way editors do: write a temporary file beside it, rename it over the original. */
export function saveByRename(path: string, text: string): void {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
