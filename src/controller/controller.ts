/**
 * `vppstate run`: a level-triggered loop that keeps VPP as the documents say.
 *
 * The xstate machine (machine.ts) decides when to connect and when to reconcile; this class
 * provides what it runs: the connection (VppClient with reconnects), one reconcile run (load the
 * documents when they changed, plan with planFor, apply with applyDesired, verify), the triggers
 * (file watcher, interface events, reconnects) and what is reported (pino logs with reconcile
 * ids, prom-client metrics, /status).
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { createActor, fromPromise, type Actor } from 'xstate';
import { VppClient } from '../api/client/client.js';
import type { ApiMessage } from '../api/types.js';
import { planOptionsFrom } from '../apply/command-support.js';
import { ApplyError } from '../apply/executor.js';
import { acquireLock } from '../apply/lock.js';
import { applyDesired, planFor } from '../apply/reconcile.js';
import { VerifyError } from '../apply/verify.js';
import { ConfigValidationError, loadConfig, type ConfigErrorJson } from '../config/index.js';
import type { ObjectSet } from '../model/kinds/types.js';
import { stateToObjects } from '../model/live.js';
import { describeOp } from '../plan/graph.js';
import { PlanError, type PlanOptions, type PruneMode } from '../plan/plan.js';
import { CountingCaller } from './counting-caller.js';
import { startHttp, type HttpEndpoint, type Listen } from './http.js';
import { changedInterfaces, snapshotOf, type InterfaceSnapshot } from './interface-events.js';
import {
  controllerMachine,
  machineState,
  TRIGGERS,
  type Backoff,
  type ControllerEvent,
  type ControllerMachine,
  type MachineState,
  type RunInput,
  type Trigger,
} from './machine.js';
import { VppstateError } from '../errors.js';
import { ControllerMetrics, RECONCILE_RESULTS, type ReconcileResult } from './metrics.js';
import type {
  ControllerStatus,
  DocumentsStatus,
  ErrorRecord,
  Mode,
  PlanSummary,
  ReconcileRecord,
} from './status.js';
import { watchDocuments, type DocumentWatcher } from './watch.js';

export interface ControllerOptions {
  /** Documents: files and directories, as for apply. */
  readonly files: readonly string[];
  readonly socket: string;
  readonly apiDir?: string;
  /** Per-call timeout (ms). */
  readonly timeoutMs?: number;
  readonly mode: Mode;
  /** Periodic resync (ms after each reconcile; 0: none). */
  readonly resyncMs: number;
  /** Quiet time after a trigger before reconciling (default 300 ms). */
  readonly debounceMs?: number;
  /** HTTP endpoint (null: none). */
  readonly listen: Listen | null;
  readonly prune?: PruneMode;
  readonly ignore?: readonly string[];
  readonly concurrency?: number;
  readonly logger: Logger;
  /** After a failed reconcile (default 1 s doubling to 60 s). */
  readonly failureBackoff?: Backoff;
  /** Between connects and reconnects (default 200 ms doubling to 5 s). */
  readonly connectBackoff?: Backoff;
  /** Watch the files (default true). */
  readonly watch?: boolean;
  /** Reconcile on VPP interface events (default true). */
  readonly interfaceEvents?: boolean;
  /** Take the per-socket apply lock while applying (default true). */
  readonly lock?: boolean;
  readonly version?: string;
  /** prom-client's process metrics (default true). */
  readonly defaultMetrics?: boolean;
}

interface Desired {
  readonly objects: ObjectSet;
  readonly planOpts: PlanOptions;
  readonly hash: string;
  readonly generation: number;
  readonly loadedAt: string;
  readonly counts: Record<string, number>;
}

/** The last rejected documents' errors as a single error (for lastError). */
function configErrors(err: ConfigValidationError): ConfigErrorJson[] {
  return err.errors.map((e) => e.toJSON());
}

const MAX_LISTED = 50;
/** Interface events are read back in batches gathered over this long. */
const EVENT_SETTLE_MS = 50;

/** The controller is stopping: the run ends before sending anything. */
class StoppedError extends VppstateError {
  constructor() {
    super('run.stopped', 'stopped before applying: nothing was changed');
  }
}

export class Controller {
  readonly metrics: ControllerMetrics;
  private readonly opts: ControllerOptions;
  private readonly log: Logger;
  private readonly actor: Actor<ControllerMachine>;
  private readonly caller: CountingCaller;
  private client: VppClient | undefined;
  private vppVersion: string | undefined;
  private connectedAt: string | undefined;
  private reconnects = 0;
  private desired: Desired | undefined;
  private docsValid = false;
  private rejected: DocumentsStatus['rejected'];
  private snapshot: InterfaceSnapshot | undefined;
  private readonly pendingEvents = new Map<number, { deleted: boolean }>();
  private eventTimer: NodeJS.Timeout | undefined;
  private running = false;
  /** The run in flight (stop waits for it to finish or roll back). */
  private inflight: Promise<void> | undefined;
  private runSeq = 0;
  private readonly counts: Record<ReconcileResult, number> = { in_sync: 0, applied: 0, drift: 0, failed: 0 };
  private lastReconcile: ReconcileRecord | undefined;
  private lastSuccessAt: string | undefined;
  private lastError: ErrorRecord | undefined;
  private lastRunOk = false;
  private state: MachineState = { connection: 'connecting', reconcile: 'idle' };
  private watcher: DocumentWatcher | undefined;
  private http: HttpEndpoint | undefined;
  private stopping: Promise<void> | undefined;
  private started = false;
  /** The files changed while the first load ran (before the machine started). */
  private changedEarly = false;
  private readonly done: Promise<void>;
  private resolveDone!: () => void;

  private constructor(opts: ControllerOptions) {
    this.opts = opts;
    this.log = opts.logger;
    this.metrics = new ControllerMetrics({
      version: opts.version ?? '0.0.0',
      mode: opts.mode,
      defaultMetrics: opts.defaultMetrics,
    });
    this.caller = new CountingCaller(
      () => this.connectedClient(),
      (message, result) => this.metrics.apiCalls.inc({ message, result }),
    );
    this.done = new Promise((r) => (this.resolveDone = r));
    const connectBackoff = opts.connectBackoff ?? { minMs: 200, maxMs: 5000 };
    const machine = controllerMachine.provide({
      actors: {
        connect: fromPromise<boolean, void>(({ signal }) => this.connect(signal)),
        reconcile: fromPromise<void, RunInput>(({ input, signal }) => {
          const p = this.reconcile(input, signal);
          this.inflight = p.then(
            () => undefined,
            () => undefined,
          );
          return p;
        }),
        drain: fromPromise<void, void>(() => this.drain()),
      },
    });
    this.actor = createActor(machine, {
      input: {
        debounceMs: opts.debounceMs ?? 300,
        maxWaitMs: Math.max(5000, (opts.debounceMs ?? 300) * 10),
        resyncMs: opts.resyncMs,
        failureBackoff: opts.failureBackoff ?? { minMs: 1000, maxMs: 60_000 },
        connectBackoff,
      },
    });
    this.actor.subscribe({
      next: (snap) => this.onState(machineState(snap.value)),
      error: (err) => this.log.error({ err }, 'controller state machine failed'),
      complete: () => this.resolveDone(),
    });
  }

  /** Starts the HTTP endpoint, the file watcher and the machine (which connects and reconciles). */
  static async start(opts: ControllerOptions): Promise<Controller> {
    const c = new Controller(opts);
    if (opts.listen) {
      c.http = await startHttp(opts.listen, {
        metrics: async () => ({
          contentType: c.metrics.registry.contentType,
          body: await c.metrics.registry.metrics(),
        }),
        ready: () => c.readiness(),
        status: () => c.status(),
      });
      c.log.info(
        { address: c.http.address.host, port: c.http.address.port },
        `serving /metrics /healthz /readyz /status on ${c.http.address.host}:${c.http.address.port}`,
      );
    }
    if (opts.watch ?? true) {
      c.watcher = watchDocuments(opts.files, (path, event) => {
        c.log.debug({ path, event }, 'documents changed on disk');
        c.trigger('files');
      });
      await c.watcher.ready;
    }
    // The documents are read before VPP is there: errors show at once, and the first
    // reconcile starts as soon as VPP answers.
    await c.load(c.log);
    c.log.info(
      {
        mode: opts.mode,
        files: opts.files,
        socket: opts.socket,
        resyncSeconds: opts.resyncMs / 1000,
      },
      `vppstate run: ${opts.mode} mode, ${opts.files.join(' ')} → ${opts.socket}`,
    );
    c.actor.start();
    c.started = true;
    if (c.changedEarly) c.trigger('files');
    return c;
  }

  /** A reconcile is wanted (debounced and coalesced by the machine). */
  trigger(t: Trigger): void {
    if (!this.started) this.changedEarly ||= t === 'files';
    else if (!this.stopping) this.actor.send({ type: 'TRIGGER', trigger: t });
  }

  /** Events to the machine, except once it is stopping (it would ignore them anyway). */
  private send(ev: Exclude<ControllerEvent, { type: 'STOP' | 'TRIGGER' }>): void {
    if (!this.stopping) this.actor.send(ev);
  }

  /** Resolves when the controller has stopped (after stop()). */
  get stopped(): Promise<void> {
    return this.done;
  }

  get address(): Listen | undefined {
    return this.http?.address;
  }

  /**
   * Stops: no new reconcile starts, the one in flight finishes its reads or rolls back what it
   * applied, the client says goodbye (sockclnt_delete, which ends the event subscription), the
   * watcher and the HTTP endpoint close.
   */
  stop(reason = 'stop requested'): Promise<void> {
    if (!this.stopping) {
      this.log.info({ reason, state: this.state }, `stopping (${reason})`);
      this.stopping = (async () => {
        this.actor.send({ type: 'STOP' });
        await this.done;
        if (this.eventTimer) clearTimeout(this.eventTimer);
        await this.watcher?.close();
        await this.http?.close();
        this.log.info({ reconciles: this.counts }, 'stopped');
      })();
    }
    return this.stopping;
  }

  // ---------------------------------------------------------------- machine side effects

  private connectedClient(): VppClient {
    if (!this.client) throw new Error('not connected to VPP');
    return this.client;
  }

  private async connect(signal: AbortSignal): Promise<boolean> {
    const o = this.opts;
    const b = o.connectBackoff ?? { minMs: 200, maxMs: 5000 };
    let client: VppClient;
    try {
      client = await VppClient.connect({
        socket: o.socket,
        apiDir: o.apiDir,
        timeoutMs: o.timeoutMs,
        name: 'vppstate-run',
        reconnect: { retries: Infinity, minDelayMs: b.minMs, maxDelayMs: b.maxMs },
        // The client's own connection warnings repeat ours; its per-call lines are for debugging.
        logger: this.log.child(
          { component: 'client' },
          { level: ['debug', 'trace'].includes(this.log.level) ? this.log.level : 'error' },
        ),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const hint = /EACCES/.test(message)
        ? ' (permission denied: run as a user in the socket’s group, or as root)'
        : /ENOENT|ECONNREFUSED/.test(message)
          ? ' (is VPP running with `socksvr { socket-name … }`? retrying)'
          : '';
      this.recordError('connect', err);
      // The client's message names the socket already.
      const text = message.includes(o.socket) ? message : `cannot connect to VPP at ${o.socket}: ${message}`;
      this.log.warn({ error: message, socket: o.socket }, `${text}${hint}`);
      throw err;
    }
    if (signal.aborted) {
      await client.disconnect().catch(() => undefined);
      return false;
    }
    this.client = client;
    client.onDisconnect((err) => {
      this.metrics.connected.set(0);
      this.snapshot = undefined;
      this.log.warn({ error: err.message }, 'connection to VPP lost; reconnecting');
      this.send({ type: 'CONNECTION_LOST' });
    });
    // onRestart (another VPP process, or its socket vanished) comes before onReconnect.
    let restarted = false;
    client.onRestart((err) => {
      restarted = true;
      this.metrics.restarts.inc();
      this.log.warn({ previousPid: err.previousPid, pid: err.pid }, err.message);
    });
    client.onReconnect(() => {
      this.reconnects++;
      this.metrics.reconnects.inc();
      const r = restarted;
      restarted = false;
      void this.afterConnect(r ? 'restarted' : 'reconnected');
    });
    client.on('sw_interface_event', (m) => this.onInterfaceEvent(m));
    await this.afterConnect('connected');
    return client.connected;
  }

  /** Says who we talk to and subscribes to interface events (again after a reconnect). */
  private async afterConnect(how: 'connected' | 'reconnected' | 'restarted'): Promise<void> {
    const reconnected = how !== 'connected';
    const client = this.client;
    if (!client) return;
    this.connectedAt = new Date().toISOString();
    try {
      const v = await this.caller.call('show_version');
      this.vppVersion = String(v.version);
    } catch {
      this.vppVersion = undefined;
    }
    if (this.opts.interfaceEvents ?? true) {
      try {
        await this.caller.call('want_interface_events', { enable_disable: true, pid: process.pid });
      } catch (err) {
        this.log.warn(
          { error: err instanceof Error ? err.message : String(err) },
          'cannot subscribe to interface events; changes in VPP are found at the next resync',
        );
      }
    }
    // Lost again while subscribing: the next reconnect does all this again.
    if (!client.connected) return;
    this.metrics.connected.set(1);
    this.log.info(
      { vppVersion: this.vppVersion, clientIndex: client.clientIndex, reconnected },
      reconnected
        ? `reconnected to VPP ${this.vppVersion ?? ''} (${how === 'restarted' ? 'a new VPP process' : 'the same VPP process'}: full resync)`
        : `connected to VPP ${this.vppVersion ?? ''} at ${this.opts.socket}`,
    );
    if (reconnected) {
      this.send({ type: 'CONNECTION_RESTORED' });
    }
  }

  private async drain(): Promise<void> {
    // Leaving the active state stopped the running actor: its signal aborted the apply, which
    // now stops issuing calls and rolls back what it did. Wait for that, then say goodbye.
    await this.inflight;
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.disconnect().catch(() => undefined);
      this.log.info('disconnected from VPP');
    }
    this.metrics.connected.set(0);
  }

  private onState(s: MachineState): void {
    const before = this.state;
    this.state = s;
    this.metrics.setState(s);
    if (before.connection !== s.connection || before.reconcile !== s.reconcile)
      this.log.debug({ state: s, from: before }, `state ${s.connection}/${s.reconcile}`);
  }

  // ---------------------------------------------------------------- documents

  /** Loads the documents; a valid set becomes the desired state, an invalid one is rejected. */
  private async load(log: Logger): Promise<void> {
    const loaded = await loadConfig(this.opts.files);
    if (!loaded.valid) {
      this.docsValid = false;
      const errors = loaded.errors.map((e) => e.toJSON());
      this.rejected = { at: new Date().toISOString(), errors };
      this.metrics.documentsValid.set(0);
      this.metrics.rejections.inc();
      const err = new ConfigValidationError(loaded.errors);
      this.recordError('load', err);
      log.error(
        { errors: errors.slice(0, MAX_LISTED), generation: this.desired?.generation ?? 0 },
        `documents rejected (${plural(errors.length, 'error')}); ${
          this.desired
            ? `still enforcing generation ${this.desired.generation}`
            : 'nothing to enforce until they are fixed'
        }:\n  ${loaded.errors.map((e) => e.message).join('\n  ')}`,
      );
      return;
    }
    this.docsValid = true;
    this.rejected = undefined;
    this.metrics.documentsValid.set(1);
    const hash = createHash('sha256').update(JSON.stringify(loaded.state)).digest('hex');
    if (this.desired?.hash === hash) {
      log.info({ generation: this.desired.generation }, 'documents unchanged');
      return;
    }
    const objects = stateToObjects(loaded.state, (section, key, field) =>
      loaded.positions.at(section, key, field),
    );
    const counts: Record<string, number> = {};
    for (const [kind, m] of objects) if (m.size > 0) counts[kind] = m.size;
    const generation = (this.desired?.generation ?? 0) + 1;
    this.desired = {
      objects,
      planOpts: planOptionsFrom(loaded.state, {
        prune: this.opts.prune,
        ignore: this.opts.ignore ? [...this.opts.ignore] : undefined,
      }),
      hash,
      generation,
      loadedAt: new Date().toISOString(),
      counts,
    };
    this.metrics.generation.set(generation);
    log.info(
      { generation, files: loaded.files, documents: loaded.documents, objects: counts },
      `documents loaded: generation ${generation} (${plural(loaded.documents, 'document')} in ${plural(loaded.files.length, 'file')})`,
    );
  }

  // ---------------------------------------------------------------- one reconcile

  private async reconcile(input: RunInput, signal: AbortSignal): Promise<void> {
    const triggers = TRIGGERS.filter((t) => input.triggers.includes(t));
    this.running = true;
    try {
      if (triggers.includes('files')) await this.load(this.log);
      // An invalid edit alone is not a reconcile: the last good state is still in place.
      const desired = this.desired;
      if (!desired) return;
      if (!this.docsValid && triggers.every((t) => t === 'files')) return;
      for (const t of triggers) this.metrics.triggers.inc({ trigger: t });
      const id = `r${++this.runSeq}`;
      await this.runPlan(id, this.log.child({ reconcile: id }), triggers, desired, signal);
    } finally {
      this.running = false;
      if (this.pendingEvents.size > 0) this.scheduleEventCheck();
    }
  }

  private async runPlan(
    id: string,
    log: Logger,
    triggers: Trigger[],
    desired: Desired,
    signal: AbortSignal,
  ): Promise<void> {
    const started = Date.now();
    const startedAt = new Date(started).toISOString();
    log.info(
      { triggers, generation: desired.generation },
      `reconcile ${id} started (${triggers.join(', ')})`,
    );
    this.send({ type: 'PHASE', phase: 'planning' });
    let result: ReconcileResult | undefined = 'failed';
    let plan: PlanSummary | undefined;
    let calls: number | undefined;
    let retries: number | undefined;
    let phase = 'plan';
    try {
      const planned = await planFor(this.caller, desired.objects, desired.planOpts);
      const p = planned.plan;
      plan = {
        ...p.summary,
        ops: p.ops.length,
        changes: p.changes.slice(0, MAX_LISTED).map((c) => `${c.kind} ${c.id}: ${c.action}`),
      };
      this.metrics.driftedObjects.set(p.changes.length);
      if (p.ops.length === 0) {
        result = 'in_sync';
        this.snapshot = snapshotOf(planned.live);
      } else if (this.opts.mode === 'observe') {
        result = 'drift';
        this.snapshot = snapshotOf(planned.live);
        log.warn(
          { drift: plan.changes, summary: p.summary },
          `drift: ${p.changes.length === 1 ? '1 object differs' : `${p.changes.length} objects differ`} from the documents (observe mode: nothing changed): ${listed(plan.changes, 10)}`,
        );
      } else {
        if (signal.aborted) throw new StoppedError();
        log.info(
          { summary: p.summary, ops: p.ops.length, changes: plan.changes },
          `applying ${plural(p.ops.length, 'call')}: ${summaryWords(p.summary)}`,
        );
        phase = 'apply';
        this.send({ type: 'PHASE', phase: 'applying' });
        const release = (this.opts.lock ?? true) ? await acquireLock(this.opts.socket) : undefined;
        try {
          const out = await applyDesired(
            this.caller,
            desired.objects,
            {
              ...desired.planOpts,
              signal,
              concurrency: this.opts.concurrency,
              onRetry: (op, err, attempt) =>
                log.warn(
                  { attempt, error: err instanceof Error ? err.message : String(err) },
                  `retry ${attempt}: ${'kind' in op ? describeOp(op) : op.message}`,
                ),
              onVerify: () => {
                phase = 'verify';
                this.send({ type: 'PHASE', phase: 'verifying' });
              },
            },
            planned,
          );
          calls = out.result?.calls;
          // Verified: nothing differs any more.
          if (out.verified) this.metrics.driftedObjects.set(0);
          retries = out.result?.retries;
          if (out.after) this.snapshot = snapshotOf(out.after);
          result = 'applied';
        } finally {
          await release?.().catch(() => undefined);
        }
      }
      this.lastRunOk = true;
      this.lastSuccessAt = new Date().toISOString();
      this.metrics.lastSuccess.set(Date.now() / 1000);
    } catch (err) {
      if (err instanceof StoppedError) {
        result = undefined;
        log.info(`reconcile ${id} stopped before applying: nothing was changed`);
        throw err;
      }
      result = 'failed';
      this.lastRunOk = false;
      this.recordError(phase, err, id);
      if (signal.aborted)
        log.warn(
          { error: errorFields(err), phase, stopped: true },
          `reconcile ${id} stopped: ${errorMessage(err)}`,
        );
      else
        log.error(
          { error: errorFields(err), phase },
          `reconcile ${id} failed (${phase}): ${errorMessage(err)}`,
        );
      throw err;
    } finally {
      const finished = Date.now();
      if (result) {
        this.counts[result]++;
        this.metrics.reconciles.inc({ result });
        this.metrics.reconcileDuration.observe({ result }, (finished - started) / 1000);
      }
      if (result)
        this.lastReconcile = {
          id,
          triggers,
          startedAt,
          finishedAt: new Date(finished).toISOString(),
          durationMs: finished - started,
          result,
          generation: desired.generation,
          plan,
          calls,
          retries,
        };
      if (result && result !== 'failed')
        log.info(
          { result, durationMs: finished - started, calls, retries, generation: desired.generation },
          `reconcile ${id} finished: ${resultWords(result, plan)} in ${finished - started} ms`,
        );
    }
  }

  private recordError(phase: string, err: unknown, reconcile?: string): void {
    const at = new Date().toISOString();
    const e = err as { code?: string; errnoName?: string } | null;
    const rec: ErrorRecord = { at, phase, message: errorMessage(err), code: e?.code, reconcile };
    if (err instanceof ApplyError && err.result.failure)
      this.lastError = { ...rec, errno: err.result.failure.errnoName, source: err.result.failure.source };
    else if (err instanceof ConfigValidationError) this.lastError = { ...rec, errors: configErrors(err) };
    else this.lastError = { ...rec, errno: e?.errnoName };
  }

  // ---------------------------------------------------------------- interface events

  private onInterfaceEvent(m: ApiMessage): void {
    const idx = Number(m.sw_if_index);
    const prev = this.pendingEvents.get(idx);
    this.pendingEvents.set(idx, { deleted: Boolean(m.deleted) || (prev?.deleted ?? false) });
    // During a run, events wait for its read-back: most are our own doing.
    if (!this.running) this.scheduleEventCheck();
  }

  private scheduleEventCheck(): void {
    if (this.eventTimer || this.stopping) return;
    this.eventTimer = setTimeout(() => {
      this.eventTimer = undefined;
      void this.checkEvents();
    }, EVENT_SETTLE_MS);
  }

  private async checkEvents(): Promise<void> {
    if (this.running || this.stopping) return;
    const events = new Map(this.pendingEvents);
    this.pendingEvents.clear();
    const snapshot = this.snapshot;
    // Without a snapshot a reconcile is due anyway (startup, reconnect).
    if (!snapshot || !this.client?.connected) return;
    try {
      const changes = await changedInterfaces(this.caller, snapshot, events);
      if (changes.length === 0 || this.stopping) return;
      this.log.info({ changes }, `VPP changed outside vppstate: ${changes.join('; ')}`);
      this.trigger('vpp-event');
    } catch (err) {
      this.log.debug({ error: errorMessage(err) }, 'could not read the interfaces an event named');
    }
  }

  // ---------------------------------------------------------------- health and status

  private readiness(): { ready: boolean; reason: string } {
    if (this.stopping) return { ready: false, reason: 'stopping' };
    if (!this.client?.connected)
      return { ready: false, reason: `not connected to VPP at ${this.opts.socket}` };
    if (!this.desired) return { ready: false, reason: 'no valid documents loaded' };
    if (!this.lastReconcile) return { ready: false, reason: 'no reconcile finished yet' };
    if (!this.lastRunOk)
      return { ready: false, reason: `last reconcile failed: ${this.lastError?.message ?? ''}` };
    return {
      ready: true,
      reason: `generation ${this.desired.generation} ${this.opts.mode === 'observe' ? 'observed' : 'enforced'}`,
    };
  }

  status(): ControllerStatus {
    const r = this.readiness();
    return {
      version: this.opts.version ?? '0.0.0',
      mode: this.opts.mode,
      socket: this.opts.socket,
      state: this.state,
      connected: this.client?.connected ?? false,
      ready: r.ready,
      readyReason: r.reason,
      vpp: { version: this.vppVersion, connectedAt: this.connectedAt, reconnects: this.reconnects },
      documents: {
        valid: this.docsValid,
        generation: this.desired?.generation ?? 0,
        loadedAt: this.desired?.loadedAt,
        files: this.opts.files,
        objects: this.desired?.counts,
        rejected: this.rejected,
      },
      reconciles: Object.fromEntries(RECONCILE_RESULTS.map((k) => [k, this.counts[k]])) as Record<
        ReconcileResult,
        number
      >,
      lastReconcile: this.lastReconcile,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
    };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorFields(err: unknown): Record<string, unknown> {
  const e = err as { code?: string; errnoName?: string; name?: string } | null;
  const out: Record<string, unknown> = { message: errorMessage(err), type: e?.name, code: e?.code };
  if (e?.errnoName) out.errno = e.errnoName;
  if (err instanceof ApplyError && err.result.failure?.source) out.source = err.result.failure.source;
  if (err instanceof VerifyError) out.residual = err.details;
  if (err instanceof PlanError) out.problems = err.problems;
  return out;
}

function resultWords(r: ReconcileResult, plan: PlanSummary | undefined): string {
  switch (r) {
    case 'in_sync':
      return 'in sync, nothing to do';
    case 'applied':
      return `applied ${plural(plan?.ops ?? 0, 'call')}, verified`;
    case 'drift':
      return `drift in ${plural(plan?.changes.length ?? 0, 'object')} (observe mode: not changed)`;
    default:
      return 'failed';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 to create, 1 to update` (the non-zero parts of a plan summary). */
function summaryWords(s: { create: number; update: number; replace: number; delete: number }): string {
  const parts = (['create', 'update', 'replace', 'delete'] as const)
    .filter((k) => s[k] > 0)
    .map((k) => `${s[k]} to ${k}`);
  return parts.join(', ');
}

/** The first `max` items, then how many more. */
function listed(items: readonly string[], max: number): string {
  const more = items.length - max;
  return items.slice(0, max).join('; ') + (more > 0 ? `; and ${more} more` : '');
}
