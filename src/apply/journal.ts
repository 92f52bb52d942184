import { createWriteStream, type WriteStream } from 'node:fs';
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
 * of VPP's API trace (`_msgname`, `_crc`, then the fields), for post-mortems.
 */
export class JournalingCaller implements VppCaller {
  private readonly out: WriteStream;
  private readonly crc: CrcLookup;
  constructor(
    private readonly inner: VppCaller,
    file: string,
  ) {
    this.out = createWriteStream(file, { flags: 'a' });
    this.crc = crcLookupOf(inner);
  }

  private write(name: string, fields: ApiMessage, extra: Record<string, unknown> = {}): void {
    const line = { _msgname: name, _crc: this.crc(name) ?? '', ...extra, ...(plain(fields) as object) };
    this.out.write(`${JSON.stringify(line)}\n`);
  }

  private replyName(name: string): string {
    return name.endsWith('_dump') ? name.replace(/_dump$/, '_details') : `${name}_reply`;
  }

  async call(name: string, args: ApiMessage = {}, opts?: CallOptions): Promise<ApiMessage> {
    this.write(name, args, { _time: new Date().toISOString() });
    try {
      const reply = await this.inner.call(name, args, opts);
      this.write(this.replyName(name), reply);
      return reply;
    } catch (err) {
      this.write(this.replyName(name), {}, { _error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }

  async dump(name: string, args: ApiMessage = {}, opts?: CallOptions): Promise<ApiMessage[]> {
    this.write(name, args, { _time: new Date().toISOString() });
    const details = await this.inner.dump(name, args, whole(opts));
    for (const d of details) this.write(this.replyName(name), d);
    return details;
  }

  async *detailsIter(name: string, args: ApiMessage = {}, opts?: CallOptions): AsyncIterable<ApiMessage> {
    this.write(name, args, { _time: new Date().toISOString() });
    for await (const d of this.inner.detailsIter(name, args, whole(opts))) {
      this.write(name.replace(/_get$/, '_details'), d);
      yield d;
    }
  }

  messageCrc(name: string): string | undefined {
    return this.inner.messageCrc?.(name);
  }

  close(): Promise<void> {
    return new Promise((r) => this.out.end(r));
  }
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
