/**
 * The controller as an xstate machine: two regions side by side.
 *
 *   connection: connecting → connected ⇄ reconnecting        (retrying: backoff between connects)
 *   reconcile:  idle → debouncing → running{loading → planning → applying → verifying} → idle
 *                                   ↘ waiting (triggers pending, VPP not connected)
 *               running fails → backoff → running again
 *
 * The machine decides *when*; the side effects (connecting, one reconcile run) are actors the
 * controller provides. Triggers are debounced (a burst of file events is one reconcile) and
 * coalesced (whatever arrives during a run makes one follow-up run). Stopping leaves `active`,
 * which stops the running actor: its AbortSignal fires and the executor rolls back.
 */
import { assign, fromPromise, raise, setup, stateIn } from 'xstate';

/** Why a reconcile runs. */
export type Trigger =
  | 'startup'
  | 'files' // the documents changed (or SIGHUP)
  | 'resync' // the periodic resync interval
  | 'vpp-event' // an interface event that does not match what was last read
  | 'vpp-restart' // the connection came back: VPP restarted, everything is read again
  | 'retry'; // after a failure's backoff

export const TRIGGERS: readonly Trigger[] = [
  'startup',
  'files',
  'resync',
  'vpp-event',
  'vpp-restart',
  'retry',
];

export type RunPhase = 'loading' | 'planning' | 'applying' | 'verifying';

/** What one run gets: its triggers (deduplicated, in arrival order). */
export interface RunInput {
  readonly triggers: readonly Trigger[];
}

export interface Backoff {
  readonly minMs: number;
  readonly maxMs: number;
}

export interface MachineInput {
  /** Quiet time after the last trigger before a run starts. */
  readonly debounceMs: number;
  /** A steady stream of triggers still starts a run after this long. */
  readonly maxWaitMs: number;
  /** Periodic resync after each run (0: never). */
  readonly resyncMs: number;
  /** After a failed run (doubling per consecutive failure). */
  readonly failureBackoff: Backoff;
  /** Between attempts to connect (doubling per attempt). */
  readonly connectBackoff: Backoff;
}

interface Context extends MachineInput {
  /** Triggers waiting for the next run. */
  pending: Trigger[];
  /** Triggers of the run in progress. */
  current: Trigger[];
  /** Consecutive failed runs. */
  failures: number;
  /** Consecutive failed connects. */
  connectFailures: number;
}

export type ControllerEvent =
  | { type: 'TRIGGER'; trigger: Trigger }
  /** The client lost its connection (it reconnects by itself). */
  | { type: 'CONNECTION_LOST' }
  /** The client is connected again (VPP restarted or the socket came back). */
  | { type: 'CONNECTION_RESTORED' }
  /** Raised inside the machine when the connection region reaches `connected`. */
  | { type: 'CONNECTED' }
  /** Progress of the running actor. */
  | { type: 'PHASE'; phase: RunPhase }
  | { type: 'STOP' };

/** Exponential backoff: min·2^(n-1), at most max (n ≥ 1). */
export function backoffDelay(b: Backoff, n: number): number {
  return Math.min(b.maxMs, b.minMs * 2 ** Math.max(0, n - 1));
}

const addTrigger = (pending: readonly Trigger[], t: Trigger): Trigger[] =>
  pending.includes(t) ? [...pending] : [...pending, t];

/** The side effects are the controller's (`machine.provide({ actors })`); these only say so. */
function notProvided<I, O = void>(what: string) {
  return fromPromise<O, I>(async () => {
    throw new Error(`controller machine: the ${what} actor was not provided`);
  });
}

export const controllerMachine = setup({
  types: {
    context: {} as Context,
    events: {} as ControllerEvent,
    input: {} as MachineInput,
  },
  actors: {
    /** Connects to VPP; resolves with whether the connection is still up (it may drop at once). */
    connect: notProvided<void, boolean>('connect'),
    /** One reconcile run; its signal aborts when the machine stops. */
    reconcile: notProvided<RunInput>('reconcile'),
    /** Waits for the run in flight to finish or roll back, then disconnects. */
    drain: notProvided<void>('drain'),
  },
  delays: {
    debounce: ({ context }) => context.debounceMs,
    maxWait: ({ context }) => context.maxWaitMs,
    resync: ({ context }) => context.resyncMs,
    failureBackoff: ({ context }) => backoffDelay(context.failureBackoff, context.failures),
    connectBackoff: ({ context }) => backoffDelay(context.connectBackoff, context.connectFailures),
  },
  guards: {
    connected: stateIn({ active: { connection: 'connected' } }),
    hasPending: ({ context }) => context.pending.length > 0,
    resyncEnabled: ({ context }) => context.resyncMs > 0,
    /** Worth cutting a failure backoff short: new documents or a fresh VPP. */
    urgent: ({ event }) =>
      event.type === 'TRIGGER' && (event.trigger === 'files' || event.trigger === 'vpp-restart'),
  },
  actions: {
    addTrigger: assign({
      pending: ({ context, event }) =>
        event.type === 'TRIGGER' ? addTrigger(context.pending, event.trigger) : context.pending,
    }),
    startRun: assign({ current: ({ context }) => context.pending, pending: () => [] as Trigger[] }),
  },
}).createMachine({
  id: 'vppstate',
  context: ({ input }) => ({
    ...input,
    pending: ['startup'],
    current: [],
    failures: 0,
    connectFailures: 0,
  }),
  initial: 'active',
  states: {
    active: {
      type: 'parallel',
      on: { STOP: '#vppstate.stopping' },
      states: {
        connection: {
          initial: 'connecting',
          states: {
            connecting: {
              invoke: {
                src: 'connect',
                onDone: [
                  {
                    guard: ({ event }) => event.output,
                    target: 'connected',
                    actions: assign({ connectFailures: 0 }),
                  },
                  // Connected, then lost at once: the client is reconnecting by itself.
                  { target: 'reconnecting', actions: assign({ connectFailures: 0 }) },
                ],
                onError: {
                  target: 'retrying',
                  actions: assign({ connectFailures: ({ context }) => context.connectFailures + 1 }),
                },
              },
            },
            retrying: { after: { connectBackoff: 'connecting' } },
            connected: {
              entry: raise({ type: 'CONNECTED' }),
              on: { CONNECTION_LOST: 'reconnecting' },
            },
            reconnecting: {
              on: {
                CONNECTION_RESTORED: {
                  target: 'connected',
                  actions: assign({ pending: ({ context }) => addTrigger(context.pending, 'vpp-restart') }),
                },
              },
            },
          },
        },
        reconcile: {
          initial: 'idle',
          states: {
            idle: {
              always: { guard: 'hasPending', target: 'debouncing' },
              after: {
                resync: {
                  guard: 'resyncEnabled',
                  target: 'debouncing',
                  actions: assign({ pending: ({ context }) => addTrigger(context.pending, 'resync') }),
                },
              },
              on: { TRIGGER: { target: 'debouncing', actions: 'addTrigger' } },
            },
            debouncing: {
              after: { maxWait: 'deciding' },
              initial: 'quiet',
              states: {
                quiet: {
                  after: { debounce: '#vppstate.active.reconcile.deciding' },
                  on: { TRIGGER: { target: 'quiet', reenter: true, actions: 'addTrigger' } },
                },
              },
            },
            deciding: {
              always: [{ guard: 'connected', target: 'running' }, { target: 'waiting' }],
            },
            waiting: {
              on: {
                CONNECTED: 'running',
                TRIGGER: { actions: 'addTrigger' },
              },
            },
            running: {
              entry: 'startRun',
              invoke: {
                src: 'reconcile',
                input: ({ context }) => ({ triggers: context.current }),
                onDone: { target: 'idle', actions: assign({ failures: 0, current: [] }) },
                onError: {
                  target: 'backoff',
                  actions: assign({ failures: ({ context }) => context.failures + 1, current: [] }),
                },
              },
              initial: 'loading',
              states: {
                loading: {},
                planning: {},
                applying: {},
                verifying: {},
              },
              on: {
                TRIGGER: { actions: 'addTrigger' },
                PHASE: [
                  { guard: ({ event }) => event.phase === 'planning', target: '.planning' },
                  { guard: ({ event }) => event.phase === 'applying', target: '.applying' },
                  { guard: ({ event }) => event.phase === 'verifying', target: '.verifying' },
                ],
              },
            },
            backoff: {
              after: {
                failureBackoff: {
                  target: 'deciding',
                  actions: assign({ pending: ({ context }) => addTrigger(context.pending, 'retry') }),
                },
              },
              on: {
                TRIGGER: [
                  { guard: 'urgent', target: 'debouncing', actions: 'addTrigger' },
                  { actions: 'addTrigger' },
                ],
              },
            },
          },
        },
      },
    },
    stopping: {
      invoke: { src: 'drain', onDone: 'stopped', onError: 'stopped' },
    },
    stopped: { type: 'final' },
  },
});

export type ControllerMachine = typeof controllerMachine;

/** The machine's state as two words, e.g. `{ connection: 'connected', reconcile: 'applying' }`. */
export interface MachineState {
  readonly connection: string;
  readonly reconcile: string;
}

/** Flattens a snapshot value (`{active: {connection: 'connected', reconcile: {running: 'planning'}}}`). */
export function machineState(value: unknown): MachineState {
  if (typeof value === 'string') return { connection: value, reconcile: value };
  const active = (value as { active?: Record<string, unknown> }).active;
  if (!active) return { connection: 'stopped', reconcile: 'stopped' };
  const leaf = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const [k, inner] = Object.entries(v as Record<string, unknown>)[0];
    return k === 'running' ? leaf(inner) : k;
  };
  return { connection: leaf(active.connection), reconcile: leaf(active.reconcile) };
}
