import { VppstateError } from '../../errors.js';
import { errnoEntry } from '../errno.js';

/** VPP answered with a negative retval; names the VNET_API_ERROR, never just a number. */
export class VppApiError extends VppstateError {
  /** Message name (the request), e.g. `sw_interface_set_table`. */
  readonly msgName: string;
  readonly retval: number;
  /** `VNET_API_ERROR_…`, or `UNKNOWN_ERROR_<n>` for a code outside VPP's list. */
  readonly errnoName: string;
  readonly errnoText: string;
  constructor(msgName: string, retval: number) {
    const e = errnoEntry(retval);
    const errnoName = e?.name ?? `UNKNOWN_ERROR_${retval}`;
    const errnoText = e?.message ?? 'Unknown error';
    super('VPP_API_ERROR', `${msgName}: ${errnoName} (${retval}) ${errnoText}`);
    this.msgName = msgName;
    this.retval = retval;
    this.errnoName = errnoName;
    this.errnoText = errnoText;
  }
}

/** No reply (or end of dump) within the timeout. A reply arriving later is discarded. */
export class VppTimeoutError extends VppstateError {
  readonly msgName: string;
  readonly timeoutMs: number;
  /** The request was sent: VPP may or may not have done it. */
  readonly outcomeUnknown = true;
  constructor(msgName: string, timeoutMs: number, message?: string) {
    super('VPP_TIMEOUT', message ?? `${msgName}: no reply from VPP within ${timeoutMs} ms`);
    this.msgName = msgName;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The connection to VPP failed, closed, or carried something that is not the protocol. Worth
 * retrying once the client has reconnected (code VPP_CONNECTION); the subclasses below that carry
 * another code are final.
 */
export class VppConnectionError extends VppstateError {
  /**
   * True when the request was sent and the connection was lost before its reply: VPP may or may
   * not have done it. False (or absent) when it never left.
   */
  readonly outcomeUnknown: boolean;
  constructor(
    message: string,
    options?: { cause?: unknown; outcomeUnknown?: boolean },
    code = 'VPP_CONNECTION',
  ) {
    super(code, message, options);
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}

/**
 * VPP is gone for this client: the connection was lost and every reconnect attempt allowed
 * failed (or reconnecting is off, or the client was closed). Final: retrying cannot help.
 */
export class VppUnavailableError extends VppConnectionError {
  /** VPP's API socket (the transport's description). */
  readonly endpoint: string;
  /**
   * Nothing listens on VPP's socket any more: the VPP process is gone, and everything it held
   * with it (a VPP started again starts empty). False when VPP may still be there (stopped, hung).
   */
  readonly processGone: boolean;
  constructor(
    endpoint: string,
    message: string,
    options?: { cause?: unknown; outcomeUnknown?: boolean; processGone?: boolean },
  ) {
    super(message, options, 'VPP_UNAVAILABLE');
    this.endpoint = endpoint;
    this.processGone = options?.processGone ?? false;
  }
}

/**
 * The client reconnected to a VPP that is not the one it lost (another process id, or its socket
 * was gone in between): every object the old one held is gone, and requests meant for it (with
 * its sw_if_index values) must not reach the new one. Final for work begun before the restart.
 */
export class VppRestartedError extends VppConnectionError {
  readonly endpoint: string;
  /** VPP's process id before and after (control_ping's vpe_pid); equal when only the socket vanishing showed it. */
  readonly previousPid: number | undefined;
  readonly pid: number | undefined;
  constructor(
    endpoint: string,
    previousPid: number | undefined,
    pid: number | undefined,
    options?: { cause?: unknown; outcomeUnknown?: boolean },
  ) {
    const how =
      previousPid !== undefined && pid !== undefined && previousPid !== pid
        ? `pid ${previousPid} → ${pid}`
        : 'its API socket disappeared and came back';
    super(
      `VPP at ${endpoint} restarted (${how}): everything it held was wiped; requests meant for the previous VPP were not sent to the new one`,
      options,
      'VPP_RESTARTED',
    );
    this.endpoint = endpoint;
    this.previousPid = previousPid;
    this.pid = pid;
  }

  /** The same restart, for one more request (keeps whether that one was in flight). */
  forRequest(outcomeUnknown: boolean): VppRestartedError {
    return new VppRestartedError(this.endpoint, this.previousPid, this.pid, {
      outcomeUnknown,
      cause: this.cause,
    });
  }
}

/** A frame announced a length above the transport's limit (a corrupt or hostile peer). */
export class VppFrameTooLargeError extends VppConnectionError {
  readonly length: number;
  readonly maxFrameSize: number;
  constructor(length: number, maxFrameSize: number) {
    super(`frame of ${length} bytes exceeds the maximum of ${maxFrameSize} bytes; connection closed`);
    this.length = length;
    this.maxFrameSize = maxFrameSize;
  }
}

/** The message is unknown, or the running VPP does not have it with this crc. */
export class VppUnsupportedMessageError extends VppstateError {
  readonly msgName: string;
  constructor(msgName: string, message: string) {
    super('VPP_UNSUPPORTED_MESSAGE', message);
    this.msgName = msgName;
  }
}
