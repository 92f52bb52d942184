export type { Transport, TransportHandlers } from './types.js';
export { DEFAULT_HIGH_WATER_MARK } from './types.js';
export {
  DEFAULT_MAX_FRAME_SIZE,
  FRAME_HEADER_SIZE,
  FrameReader,
  encodeFrame,
  writeFrameHeader,
} from './framing.js';
export { FramedSocket, UnixSocketTransport } from './socket.js';
export type { FramedSocketOptions, UnixSocketTransportOptions } from './socket.js';
export { MemoryConnection, MemoryListener, MemoryTransport } from './memory.js';
export { RecordingTransport } from './recording.js';
export type { RecordedFrame, RecordingOptions } from './recording.js';
export { FaultyTransport } from './faulty.js';
export type { FaultMatch } from './faulty.js';
