/** Base of every error vppstate throws on purpose; `code` is stable for scripts and tests. */
export class VppstateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
