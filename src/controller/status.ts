/** What `/status` answers: the controller's state and the last of everything, as JSON. */
import type { ConfigErrorJson } from '../config/index.js';
import type { SourcePos } from '../model/kinds/types.js';
import type { MachineState, Trigger } from './machine.js';
import type { ReconcileResult } from './metrics.js';

export type Mode = 'enforce' | 'observe';

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  /** API calls the plan needs. */
  readonly ops: number;
  /** The changes, as `kind id: action` (the first 50). */
  readonly changes: readonly string[];
}

export interface ReconcileRecord {
  readonly id: string;
  readonly triggers: readonly Trigger[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly result: ReconcileResult;
  /** Desired-state generation it enforced. */
  readonly generation: number;
  readonly plan?: PlanSummary;
  /** Write calls sent and how many were retries (enforce mode, when something was applied). */
  readonly calls?: number;
  readonly retries?: number;
}

export interface ErrorRecord {
  readonly at: string;
  /** Where it happened: connect, load, plan, apply, verify. */
  readonly phase: string;
  readonly message: string;
  /** vppstate's error code (e.g. apply.failed, config.invalid, VPP_API_ERROR). */
  readonly code?: string;
  /** VPP's error name when VPP refused a call. */
  readonly errno?: string;
  /** The YAML position of the object whose op failed. */
  readonly source?: SourcePos;
  /** Every problem of invalid documents, with positions. */
  readonly errors?: readonly ConfigErrorJson[];
  readonly reconcile?: string;
}

export interface DocumentsStatus {
  /** The documents on disk are valid (false after an invalid edit). */
  readonly valid: boolean;
  /** Generation being enforced (0: no valid documents yet). */
  readonly generation: number;
  /** When the enforced generation was loaded. */
  readonly loadedAt?: string;
  readonly files: readonly string[];
  readonly objects?: Readonly<Record<string, number>>;
  /** The last rejected load: its errors (the previous generation stays enforced). */
  readonly rejected?: { readonly at: string; readonly errors: readonly ConfigErrorJson[] };
}

export interface ControllerStatus {
  readonly version: string;
  readonly mode: Mode;
  readonly socket: string;
  readonly state: MachineState;
  readonly connected: boolean;
  readonly ready: boolean;
  readonly readyReason: string;
  readonly vpp?: { readonly version?: string; readonly connectedAt?: string; readonly reconnects: number };
  readonly documents: DocumentsStatus;
  readonly reconciles: Readonly<Record<ReconcileResult, number>>;
  readonly lastReconcile?: ReconcileRecord;
  readonly lastSuccessAt?: string;
  readonly lastError?: ErrorRecord;
}
