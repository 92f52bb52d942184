import { VppstateError } from '../errors.js';

/** A definition problem: unknown message or type, unresolvable reference, bad .api.json shape. */
export class ApiDefinitionError extends VppstateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('API_DEFINITION', message, options);
  }
}

/** Shared shape of encode/decode errors: which message, where in it, and what is wrong. */
abstract class ApiValueError extends VppstateError {
  /** Message name (without crc). */
  readonly messageName: string;
  /** Field path inside the message, e.g. `route.paths[1].nh.address`; empty for the whole message. */
  readonly path: string;
  /** The problem alone, without message name and path. */
  readonly problem: string;
  constructor(code: string, verb: string, messageName: string, path: string, problem: string) {
    super(code, `${verb} ${messageName}${path ? `.${path}` : ''}: ${problem}`);
    this.messageName = messageName;
    this.path = path;
    this.problem = problem;
  }
}

/** A value that cannot be put on the wire: unknown field, out of range, too long, malformed. */
export class ApiEncodeError extends ApiValueError {
  constructor(messageName: string, path: string, problem: string) {
    super('API_ENCODE', 'cannot encode', messageName, path, problem);
  }
}

/** Bytes that do not form the message: truncated, oversized, hostile length fields. */
export class ApiDecodeError extends ApiValueError {
  constructor(messageName: string, path: string, problem: string) {
    super('API_DECODE', 'cannot decode', messageName, path, problem);
  }
}
