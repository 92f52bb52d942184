import { VppstateError } from '../errors.js';

/** Stable codes of configuration errors, for scripts and tests. */
export type ConfigErrorCode =
  | 'CONFIG_IO' // a file or directory cannot be read
  | 'CONFIG_SYNTAX' // YAML syntax
  | 'CONFIG_DUPLICATE' // a key defined twice (in one map or across files)
  | 'CONFIG_SCHEMA' // JSON Schema validation
  | 'CONFIG_SEMANTIC'; // meaning: references, conflicts, consistency

/** One problem in the configuration, located at `file:line:col` and at a path in the document. */
export class ConfigError extends VppstateError {
  readonly file: string;
  /** 1-based; 0 when the problem has no position (an unreadable file). */
  readonly line: number;
  /** 1-based; 0 when the problem has no position. */
  readonly col: number;
  /** Dotted path in the document, e.g. `interfaces.loop0.mtu`; `''` for the document itself. */
  readonly path: string;
  /** The message without location, e.g. `must be ≤ 9216 (got 10000)`. */
  readonly detail: string;

  constructor(
    code: ConfigErrorCode,
    where: { file: string; line: number; col: number; path: string },
    detail: string,
  ) {
    super(code, formatLocation(where, detail));
    this.file = where.file;
    this.line = where.line;
    this.col = where.col;
    this.path = where.path;
    this.detail = detail;
  }

  /** The JSON form used by `validate --format json`. */
  toJSON(): ConfigErrorJson {
    return {
      file: this.file,
      line: this.line,
      col: this.col,
      path: this.path,
      message: this.detail,
      code: this.code as ConfigErrorCode,
    };
  }
}

export interface ConfigErrorJson {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
  code: ConfigErrorCode;
}

function formatLocation(w: { file: string; line: number; col: number; path: string }, detail: string) {
  const at = w.line > 0 ? `${w.file}:${w.line}:${w.col}` : w.file;
  return w.path ? `${at}: ${w.path}: ${detail}` : `${at}: ${detail}`;
}

/** Order errors by file (in load order), then line, then column, then message. */
export function sortConfigErrors(errors: ConfigError[], fileOrder: readonly string[] = []): ConfigError[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return [...errors].sort(
    (a, b) =>
      (rank.get(a.file) ?? Infinity) - (rank.get(b.file) ?? Infinity) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Thrown by `loadConfigOrThrow`: every error at once; `message` lists them one per line. */
export class ConfigValidationError extends VppstateError {
  readonly errors: readonly ConfigError[];
  constructor(errors: readonly ConfigError[]) {
    super(
      'CONFIG_INVALID',
      `configuration is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((e) => e.message).join('\n'),
    );
    this.errors = errors;
  }
}
