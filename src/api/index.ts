export type { ApiMessage, ApiValue, CallOptions, VppCaller, RequestOf, ReplyOf, DetailsOf } from './types.js';
/** The typed map of VPP v26.10's messages (core and plugins) that VppClient's call() and dump() check against. */
export type { VppMessages, VppEvents } from './generated/vpp.js';
export {
  ApiDefinitions,
  BUNDLED_MEMCLNT,
  BASE_TYPES,
  findApiDir,
  findApiFiles,
  shortTypeName,
} from './definitions/index.js';
export type {
  ApiJsonFile,
  FieldDefinition,
  MessageDefinition,
  ServiceDefinition,
  TypeDefinition,
} from './definitions/index.js';
export { ApiCodec, EnumInfo, formatIp4, formatIp6, formatMac } from './codec/index.js';
export type { MessageCodec } from './codec/index.js';
export { ApiDefinitionError, ApiEncodeError, ApiDecodeError } from './errors.js';
export * from './client/index.js';
export * from './transport/index.js';
export { VNET_API_ERRORS, errnoEntry, errnoCode, describeRetval, RETVAL_EAGAIN, retvalOf } from './errno.js';
export type { ErrnoEntry } from './errno.js';
