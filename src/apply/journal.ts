import { closeSync, openSync, writeSync } from 'node:fs';
import { VppConnectionError } from '../api/client/errors.js';
import type { ApiMessage, ApiValue, CallOptions, VppCaller } from '../api/types.js';

/** JSON for one decoded value, the way VPP's JSON API trace writes it (bytes as hex). */
function plain(v: ApiValue): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return (v as readonly ApiValue[]).map(plain);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as ApiMessage)) out[k] = plain(x);
    return out;
  }
  return v;
}

type CrcLookup = (name: string) => string | undefined;

function crcLookupOf(caller: VppCaller): CrcLookup {
  const defs = (caller as { definitions?: { messages?: ReadonlyMap<string, { crc: string }> } }).definitions;
  return (name) => defs?.messages?.get(name)?.crc;
}

/**
 * A VppCaller that writes every request and reply (and error) as JSON lines in the field format
 * of VPP's API trace (`_msgname`, `_crc`, then the fields), for post-mortems. A reply carries its
 * request's `_seq`. A request whose reply never came is marked `"_outcome": "unknown"`: on its
 * error line when the connection was lost or VPP did not answer in time, and, for those still
 * waiting when the process exits (a second Ctrl-C), on a line with `"_inflight": true`. Lines are
 * written synchronously in batches, and whatever is pending at exit is written then: the journal
 * is complete up to the moment vppstate stopped, however it stopped.
 */
export class JournalingCaller implements VppCaller {
  private readonly fd: number;
  private readonly crc: CrcLookup;
  private buffered: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  /** Requests sent and not answered yet, by `_seq`. */
  private readonly waiting = new Map<number, string>();
  private readonly onExit = (): void => this.finish('no reply before vppstate exited');
  private closed = false;

  constructor(
    private readonly inner: VppCaller,
    file: string,
  ) {
    this.fd = openSync(file, 'a');
    this.crc = crcLookupOf(inner);
    process.on('exit', this.onExit);
  }

  private write(name: string, fields: ApiMessage, extra: Record<string, unknown> = {}): void {
    const line = { _msgname: name, _crc: this.crc(name) ?? '', ...extra, ...(plain(fields) as object) };
    this.buffered.push(JSON.stringify(line));
    if (this.buffered.length >= 512) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), 100);
      this.timer.unref();
    }
  }

  /** Writes what is buffered, now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffered.length === 0 || this.closed) return;
    writeSync(this.fd, `${this.buffered.join('\n')}\n`);
    this.buffered = [];
  }

  private request(name: string, args: ApiMessage): number {
    const seq = ++this.seq;
    this.waiting.set(seq, name);
    this.write(name, args, { _seq: seq, _time: new Date().toISOString() });
    return seq;
  }

  private failed(seq: number, name: string, err: unknown): void {
    this.waiting.delete(seq);
    this.write(
      this.replyName(name),
      {},
      {
        _seq: seq,
        _outcome: outcomeOf(err),
        _error: err instanceof Error ? err.message : String(err),
      },
    );
  }

  private replyName(name: string): string {
    return name.endsWith('_dump') ? name.replace(/_dump$/, '_details') : `${name}_reply`;
  }

  async call(name: string, args: ApiMessage = {}, opts?: CallOptions): Promise<ApiMessage> {
    const seq = this.request(name, args);
    try {
      const reply = await this.inner.call(name, args, opts);
      this.waiting.delete(seq);
      this.write(this.replyName(name), reply, { _seq: seq });
      return reply;
    } catch (err) {
      this.failed(seq, name, err);
      throw err;
    }
  }

  async dump(name: string, args: ApiMessage = {}, opts?: CallOptions): Promise<ApiMessage[]> {
    const seq = this.request(name, args);
    let details: ApiMessage[];
    try {
      details = await this.inner.dump(name, args, whole(opts));
    } catch (err) {
      this.failed(seq, name, err);
      throw err;
    }
    this.waiting.delete(seq);
    for (const d of details) this.write(this.replyName(name), d, { _seq: seq });
    // Its end, as VPP's own trace shows a dump's (an empty dump has only this).
    this.write('control_ping_reply', { retval: 0 }, { _seq: seq });
    return details;
  }

  async *detailsIter(name: string, args: ApiMessage = {}, opts?: CallOptions): AsyncIterable<ApiMessage> {
    const seq = this.request(name, args);
    try {
      for await (const d of this.inner.detailsIter(name, args, whole(opts))) {
        this.write(name.replace(/_get$/, '_details'), d, { _seq: seq });
        yield d;
      }
    } catch (err) {
      this.failed(seq, name, err);
      throw err;
    }
    this.waiting.delete(seq);
    this.write(`${name}_reply`, { retval: 0 }, { _seq: seq });
  }

  /** Marks every request still waiting as in flight (outcome unknown), writes everything. */
  private finish(why: string): void {
    if (this.closed) return;
    for (const [seq, name] of this.waiting)
      this.write(name, {}, { _seq: seq, _inflight: true, _outcome: 'unknown', _error: why });
    this.waiting.clear();
    this.flush();
  }

  messageCrc(name: string): string | undefined {
    return this.inner.messageCrc?.(name);
  }

  close(): Promise<void> {
    this.finish('no reply before the journal was closed');
    this.closed = true;
    process.off('exit', this.onExit);
    closeSync(this.fd);
    return Promise.resolve();
  }
}

/**
 * `unknown`: sent, no reply (VPP may or may not have done it); `not-sent`: the connection was
 * gone before it could leave; `failed`: VPP refused it (or it could not be encoded).
 */
function outcomeOf(err: unknown): 'unknown' | 'not-sent' | 'failed' {
  const e = err as { code?: unknown; outcomeUnknown?: unknown } | null;
  if (e?.code === 'VPP_TIMEOUT' || e?.outcomeUnknown === true) return 'unknown';
  if (err instanceof VppConnectionError) return 'not-sent';
  return 'failed';
}

/** Without a field selection: the journal records whole details messages for post-mortems. */
function whole(opts: CallOptions | undefined): CallOptions | undefined {
  return opts?.select === undefined ? opts : { ...opts, select: undefined };
}

/** Counts messages by name (write calls vs dumps), e.g. to prove a second apply writes nothing. */
export class CountingCaller implements VppCaller {
  readonly calls = new Map<string, number>();
  readonly dumps = new Map<string, number>();
  constructor(private readonly inner: VppCaller) {}
  call(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage> {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    return this.inner.call(name, args, opts);
  }
  dump(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage[]> {
    this.dumps.set(name, (this.dumps.get(name) ?? 0) + 1);
    return this.inner.dump(name, args, opts);
  }
  detailsIter(name: string, args?: ApiMessage, opts?: CallOptions): AsyncIterable<ApiMessage> {
    this.dumps.set(name, (this.dumps.get(name) ?? 0) + 1);
    return this.inner.detailsIter(name, args, opts);
  }
  messageCrc(name: string): string | undefined {
    return this.inner.messageCrc?.(name);
  }
}
