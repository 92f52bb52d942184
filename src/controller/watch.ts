/**
 * Watches the desired-state files for changes (chokidar).
 *
 * Files are watched through their directory, not by themselves: an editor that saves by writing
 * a new file and renaming it over the old one, and a Kubernetes ConfigMap volume (each key is a
 * symlink `key -> ..data/key`; an update writes a new `..<timestamp>` directory and swaps the
 * `..data` symlink to it atomically) both replace the inode a per-file watch would follow. So
 * for a file argument its directory is watched (one level) and an event counts when it names
 * the file or one of the `..` entries of a ConfigMap volume; a directory argument is watched
 * whole. Every event is reported; the controller debounces them into one reload.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface DocumentWatcher {
  /** Resolves once the initial scan is done (events before it are not reported). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

interface Target {
  /** The directory watched. */
  readonly dir: string;
  /** Basenames that count inside it (undefined: everything below counts). */
  readonly names?: Set<string>;
}

function targetsOf(paths: readonly string[]): Target[] {
  const byDir = new Map<string, Target>();
  for (const p of paths) {
    if (p === '-') continue;
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // not there yet: watch its directory for it to appear
    }
    if (isDir) {
      byDir.set(abs, { dir: abs });
      continue;
    }
    const dir = dirname(abs);
    const t = byDir.get(dir);
    if (t && t.names === undefined) continue; // the whole directory is watched already
    const names = t?.names ?? new Set<string>();
    names.add(basename(abs));
    byDir.set(dir, { dir, names });
  }
  return [...byDir.values()];
}

/** A path inside `dir` counts for the target (ConfigMap `..data`, `..2024_…` entries always). */
function counts(t: Target, path: string): boolean {
  if (t.names === undefined) return path === t.dir || path.startsWith(t.dir + sep);
  if (dirname(path) !== t.dir) return false;
  const name = basename(path);
  return t.names.has(name) || name.startsWith('..');
}

/**
 * Starts watching; `onChange(path, event)` is called for every change that may alter the
 * documents. Directories that do not exist are skipped (the loader reports them).
 */
export function watchDocuments(
  paths: readonly string[],
  onChange: (path: string, event: string) => void,
): DocumentWatcher {
  const targets = targetsOf(paths).filter((t) => existsSync(t.dir));
  if (targets.length === 0) return { ready: Promise.resolve(), close: async () => undefined };
  const watchers: FSWatcher[] = [];
  const ready: Promise<void>[] = [];
  for (const t of targets) {
    const w = watch(t.dir, {
      ignoreInitial: true,
      // One level for file arguments: the file and the ConfigMap entries beside it.
      depth: t.names === undefined ? 99 : 0,
      // Editors that replace the file (unlink + add within 100 ms) report one change.
      atomic: true,
      followSymlinks: true,
    });
    w.on('all', (event, path) => {
      if (counts(t, resolve(path))) onChange(path, event);
    });
    // A watch error (e.g. the directory removed) must not crash the controller; the next
    // resync still reloads the documents.
    w.on('error', () => undefined);
    ready.push(new Promise<void>((r) => w.once('ready', () => r())));
    watchers.push(w);
  }
  return {
    ready: Promise.all(ready).then(() => undefined),
    close: async () => {
      await Promise.all(watchers.map((w) => w.close()));
    },
  };
}
