/**
 * Trace files: a JSON array of messages in VPP's API-trace shape (./format.ts), one message per
 * line. Requests (and events) are the elements, in the order VPP answered them; what came back
 * is kept inside each request, under keys VPP's replay-json ignores:
 *
 *   `_ts`      when it was sent (or received, for events), ISO 8601
 *   `_ms`      milliseconds until the reply (until the end of a dump)
 *   `_reply`   the reply, itself in trace shape
 *   `_details` the details messages of a dump or stream, in trace shape
 *   `_seq`     its place in the order requests were sent
 *   `_error`   why no reply came; then `_outcome` is "unknown" (VPP may or may not have done it),
 *              and `_inflight` true when vppstate exited waiting for it
 *   `_dir`     "rx" on a message VPP sent unasked (an event)
 *   `_raw`     enum values VPP's shape cannot name (see format.ts)
 *
 * So VPP's `api trace replay-json FILE` replays the requests, and vppstate reads the rest. A
 * file cut short (the process was killed) lacks its closing `]`: the reader accepts that, and
 * also a bare sequence of objects (JSON lines, or VPP's pretty-printed elements).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { VppstateError } from '../../errors.js';
import { stringifyTrace, type TraceMessage } from './format.js';

/** A trace file that cannot be read. */
export class TraceFileError extends VppstateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('trace.file', message, options);
  }
}

/** Where recorded messages go. */
export interface TraceSink {
  write(msg: TraceMessage): void;
  /** Writes what is buffered and ends the trace. Idempotent. */
  close(): void;
}

/** Collects messages in memory (tests, bisect). */
export class MemoryTraceSink implements TraceSink {
  readonly messages: TraceMessage[] = [];
  closed = false;
  write(msg: TraceMessage): void {
    this.messages.push(msg);
  }
  close(): void {
    this.closed = true;
  }
}

/** Buffer this much text before writing it out. */
const FLUSH_BYTES = 64 * 1024;
/** And write at least this often, so that a crash loses little. */
const FLUSH_MS = 200;

/**
 * Writes a trace file as messages come: `[`, one message per line, `]` at close. Readable by
 * `trace print` at any time; accepted by VPP's replay-json once closed (a TraceRecorder closes it
 * at exit, whatever way the process ends). Created mode 0600: a trace may hold secrets.
 */
export class TraceFileWriter implements TraceSink {
  private fd: number | null;
  private buf = '';
  private count = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w', 0o600);
    } catch (err) {
      throw new TraceFileError(`cannot write trace ${path}: ${(err as Error).message}`, { cause: err });
    }
    this.buf = '[\n';
  }

  write(msg: TraceMessage): void {
    if (this.fd === null) return;
    this.buf += (this.count++ === 0 ? '' : ',\n') + stringifyTrace(msg);
    if (this.buf.length >= FLUSH_BYTES) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes out what is buffered. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.fd === null || this.buf === '') return;
    writeSync(this.fd, this.buf);
    this.buf = '';
  }

  close(): void {
    if (this.fd === null) return;
    this.buf += '\n]\n';
    this.flush();
    closeSync(this.fd);
    this.fd = null;
  }
}

/** A trace element as read back: `_msgname` and `_crc` checked, everything else as JSON. */
export type TraceEntry = TraceMessage;

/** Parses a trace file's text (see the module comment for the forms accepted). */
export function parseTrace(text: string, where = 'trace'): TraceEntry[] {
  const body = text.trim();
  if (body === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = lenient(body, where);
  }
  const list = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  return list.map((x, i) => {
    if (
      typeof x !== 'object' ||
      x === null ||
      Array.isArray(x) ||
      typeof (x as TraceEntry)._msgname !== 'string'
    )
      throw new TraceFileError(`${where}: element ${i + 1} is not a message (no "_msgname")`);
    const e = x as TraceEntry;
    if (typeof e._crc !== 'string') e._crc = '';
    return e;
  });
}

/** A truncated array, or a sequence of objects without an array around them. */
function lenient(body: string, where: string): unknown[] {
  const inner = body.startsWith('[') ? body.slice(1) : body;
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}') {
      if (--depth === 0) {
        const text = inner.slice(start, i + 1);
        try {
          out.push(JSON.parse(text));
        } catch (err) {
          throw new TraceFileError(
            `${where}: element ${out.length + 1} is not valid JSON: ${(err as Error).message}`,
          );
        }
      }
    }
  }
  if (out.length === 0) throw new TraceFileError(`${where}: not a trace (no JSON objects found)`);
  // An element cut in the middle (depth > 0 at the end) is dropped: the process died writing it.
  return out;
}

/** Reads a trace file written by vppstate or by VPP (`api trace save-json`). */
export function readTrace(path: string): TraceEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TraceFileError(`cannot read trace ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseTrace(text, path);
}

/** The message's own fields (without vppstate's and VPP's `_` keys). */
export function fieldsOf(m: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (!k.startsWith('_')) out[k] = v;
  return out;
}
