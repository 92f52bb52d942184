/**
 * The controller's Prometheus metrics (prom-client), in a registry of their own so that several
 * controllers (tests) never share counters.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MachineState } from './machine.js';

/** Results of one reconcile run. */
export type ReconcileResult = 'in_sync' | 'applied' | 'drift' | 'failed';

export const RECONCILE_RESULTS: readonly ReconcileResult[] = ['in_sync', 'applied', 'drift', 'failed'];

const CONNECTION_STATES = ['connecting', 'retrying', 'connected', 'reconnecting', 'stopping', 'stopped'];
const RECONCILE_STATES = [
  'idle',
  'debouncing',
  'deciding',
  'waiting',
  'loading',
  'planning',
  'applying',
  'verifying',
  'backoff',
  'stopping',
  'stopped',
];

export class ControllerMetrics {
  readonly registry = new Registry();
  readonly reconciles: Counter<'result'>;
  readonly reconcileDuration: Histogram<'result'>;
  readonly driftedObjects: Gauge;
  readonly apiCalls: Counter<'message' | 'result'>;
  readonly connected: Gauge;
  readonly lastSuccess: Gauge;
  readonly generation: Gauge;
  readonly documentsValid: Gauge;
  readonly rejections: Counter;
  readonly triggers: Counter<'trigger'>;
  readonly reconnects: Counter;
  readonly restarts: Counter;
  readonly state: Gauge<'region' | 'state'>;

  constructor(opts: { version: string; mode: string; defaultMetrics?: boolean }) {
    const registers = [this.registry];
    this.reconciles = new Counter({
      name: 'vppstate_reconciles_total',
      help: 'Reconcile runs by result: in_sync (nothing to do), applied, drift (observe mode), failed',
      labelNames: ['result'],
      registers,
    });
    for (const r of RECONCILE_RESULTS) this.reconciles.inc({ result: r }, 0);
    this.reconcileDuration = new Histogram({
      name: 'vppstate_reconcile_duration_seconds',
      help: 'Duration of reconcile runs (read, plan, apply, verify)',
      labelNames: ['result'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.driftedObjects = new Gauge({
      name: 'vppstate_drifted_objects',
      help: 'Objects that differ from the documents: at the last plan, 0 once an apply is verified',
      registers,
    });
    this.apiCalls = new Counter({
      name: 'vppstate_api_calls_total',
      help: "VPP API calls and dumps by message and result (ok, VPP's errno name, timeout, connection)",
      labelNames: ['message', 'result'],
      registers,
    });
    this.connected = new Gauge({
      name: 'vppstate_connected',
      help: '1 while connected to the VPP API socket',
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'vppstate_last_success_timestamp_seconds',
      help: 'Unix time of the last successful reconcile (0: none yet)',
      registers,
    });
    this.generation = new Gauge({
      name: 'vppstate_desired_generation',
      help: 'Generation of the desired state: +1 whenever changed documents are accepted',
      registers,
    });
    this.documentsValid = new Gauge({
      name: 'vppstate_documents_valid',
      help: '1 when the documents on disk are valid; 0 after an invalid edit (the last good state stays enforced)',
      registers,
    });
    this.rejections = new Counter({
      name: 'vppstate_document_rejections_total',
      help: 'Loads of the documents rejected as invalid',
      registers,
    });
    this.triggers = new Counter({
      name: 'vppstate_reconcile_triggers_total',
      help: 'What started reconcile runs: startup, files, resync, vpp-event, vpp-restart, retry (a run counts each of its triggers once)',
      labelNames: ['trigger'],
      registers,
    });
    this.reconnects = new Counter({
      name: 'vppstate_vpp_reconnects_total',
      help: 'Reconnections to VPP after the connection was lost',
      registers,
    });
    this.restarts = new Counter({
      name: 'vppstate_vpp_restarts_total',
      help: 'Reconnections that found a restarted VPP (another process, or its socket had vanished): its state was wiped',
      registers,
    });
    this.state = new Gauge({
      name: 'vppstate_controller_state',
      help: 'The state machine: 1 for the current state of each region (connection, reconcile)',
      labelNames: ['region', 'state'],
      registers,
    });
    new Gauge({
      name: 'vppstate_build_info',
      help: 'vppstate version and mode',
      labelNames: ['version', 'mode'],
      registers,
    }).set({ version: opts.version, mode: opts.mode }, 1);
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'vppstate_' });
    this.setState({ connection: 'connecting', reconcile: 'idle' });
  }

  setState(s: MachineState): void {
    for (const st of CONNECTION_STATES)
      this.state.set({ region: 'connection', state: st }, st === s.connection ? 1 : 0);
    for (const st of RECONCILE_STATES)
      this.state.set({ region: 'reconcile', state: st }, st === s.reconcile ? 1 : 0);
  }
}
