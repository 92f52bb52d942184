/** Shared by the real-VPP fault suites: a fresh VPP per test, and the faults to inflict on it. */
import { afterEach, beforeEach, vi } from 'vitest';
import { startRealVpp, type RealVpp } from '../helpers/real-vpp.js';
import { exited, scratch } from './helpers.js';

/** A hung VPP is given up after about TIMEOUT + RECONNECT; SLACK is room for a loaded machine. */
export const TIMEOUT = 1000;
export const RECONNECT = 1000;
export const BOUNDS = ['--timeout', String(TIMEOUT), '--reconnect-timeout', String(RECONNECT)];
export const SLACK = 3000;

export const GONE =
  /went away \(.*\) and nothing listens on its socket any more \(connect (ENOENT|ECONNREFUSED)\): the VPP process exited/;
export const SILENT = (first: string): RegExp =>
  new RegExp(
    `VPP sent nothing for \\d+ ms while \\d+ requests? waited \\(${first} first, for ${TIMEOUT} ms\\): it is stopped \\(SIGSTOP\\), hung or overloaded`,
  );

export interface VppUnderTest {
  readonly vpp: RealVpp;
  readonly dir: string;
  /** A VPP with these hardware ports instead of the default one without. */
  withPorts(ports: readonly string[]): Promise<void>;
  /** kill -9, returning once the process is gone (the command then meets a dead VPP). */
  kill(): Promise<void>;
  /** vpp.sh restart, returning once VPP has gone (it takes a while to come back: `back()`). */
  restart(): Promise<void>;
  /** Resolves once a restart has finished. */
  back(): Promise<void>;
}

/** Registers hooks that give each test a fresh VPP (and leave none behind). */
export function freshVppPerTest(): VppUnderTest {
  let vpp: RealVpp | undefined;
  let dir = '';
  let pending: Promise<void> | undefined;
  beforeEach(async () => {
    dir = scratch();
    vpp = await startRealVpp({ name: 'faults' });
    pending = undefined;
  }, 60_000);
  afterEach(async () => {
    vi.restoreAllMocks();
    await pending?.catch(() => undefined);
    try {
      vpp?.signal('SIGCONT');
    } catch {
      // already gone
    }
    await vpp?.stop();
  }, 60_000);
  const self = (): RealVpp => vpp as RealVpp;
  return {
    get vpp() {
      return self();
    },
    get dir() {
      return dir;
    },
    async withPorts(ports) {
      await self().stop();
      vpp = await startRealVpp({ name: 'faults', ports });
    },
    async kill() {
      const pid = self().pid();
      self().signal('SIGKILL');
      await exited(pid);
    },
    async restart() {
      const pid = self().pid();
      self().signal('SIGTERM'); // what vpp.sh stop does first
      await exited(pid);
      pending = self().restart();
    },
    async back() {
      await pending;
    },
  };
}
