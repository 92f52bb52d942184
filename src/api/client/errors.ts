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
  constructor(msgName: string, timeoutMs: number) {
    super('VPP_TIMEOUT', `${msgName}: no reply from VPP within ${timeoutMs} ms`);
    this.msgName = msgName;
    this.timeoutMs = timeoutMs;
  }
}

/** The connection to VPP failed, closed, or carried something that is not the protocol. */
export class VppConnectionError extends VppstateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('VPP_CONNECTION', message, options);
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
