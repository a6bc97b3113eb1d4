// The RPC layer: authenticated request/response and one-way messages between cluster processes.
export { connect, DEFAULT_CONNECT_TIMEOUT_MS, type ConnectOptions } from './connect.js';
export { listen, DEFAULT_AUTH_TIMEOUT_MS, type ListenOptions, type RpcServer } from './rpc-server.js';
export {
  RpcConnection,
  DEFAULT_ASK_TIMEOUT_MS,
  describeCloseReason,
  type CloseReason,
  type MessageHandler,
} from './rpc-connection.js';
export type { RpcMessage, ReceivedMessage } from './rpc-message.js';
export { RpcError, type RpcErrorCode } from './rpc-error.js';
export { defaultRpcLogger, type RpcLogger } from './rpc-logger.js';
export { MAX_FRAME_BYTES, FrameDecoder, frameHeader, FRAME_HEADER_BYTES } from './frame-decoder.js';
