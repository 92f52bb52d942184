import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * Progress of a long apply: a bar with counts and rate on a terminal, a plain line every few
 * seconds otherwise (CI logs), nothing when quiet.
 */
export function createProgress(opts: {
  quiet?: boolean;
  tty?: boolean;
  stream?: NodeJS.WritableStream;
  intervalMs?: number;
}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  if (opts.tty ?? (stream as { isTTY?: boolean }).isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'applying [{bar}] {value}/{total} ops | {rate} ops/s | eta {eta}s',
        stream: stream as NodeJS.WriteStream,
        hideCursor: true,
        clearOnComplete: false,
        noTTYOutput: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(done, total) {
        if (!begun) {
          bar.start(total, 0, { rate: '0' });
          begun = true;
        }
        const s = (Date.now() - started) / 1000;
        bar.update(done, { rate: s > 0 ? (done / s).toFixed(0) : '0' });
      },
      stop() {
        if (begun) bar.stop();
      },
    };
  }
  const every = opts.intervalMs ?? 2000;
  // Plain lines only for applies long enough to need them: the first after one interval.
  let last = started;
  let printed = false;
  let lastDone = 0;
  let lastTotal = 0;
  const line = (done: number, total: number): void => {
    const s = (Date.now() - started) / 1000;
    stream.write(`applied ${done}/${total} ops (${s > 0 ? (done / s).toFixed(0) : 0} ops/s)\n`);
  };
  return {
    update(done, total) {
      lastDone = done;
      lastTotal = total;
      const now = Date.now();
      if (now - last >= every) {
        last = now;
        printed = true;
        line(done, total);
      }
    },
    stop() {
      if (printed) line(lastDone, lastTotal);
    },
  };
}
