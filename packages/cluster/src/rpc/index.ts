// The RPC layer: authenticated request/response and one-way messages between cluster processes.
export { connect, DEFAULT_CONNECT_TIMEOUT_MS, type ConnectOptions } from './connect.js';
export { listen, DEFAULT_AUTH_TIMEOUT_MS, type ListenOptions, type RpcServer } from './rpcServer.js';
export {
  RpcConnection,
  DEFAULT_ASK_TIMEOUT_MS,
  describeCloseReason,
  type CloseReason,
  type MessageHandler,
} from './rpcConnection.js';
export type { RpcMessage, ReceivedMessage } from './rpcMessage.js';
export { RpcError, type RpcErrorCode } from './rpcError.js';
export { defaultRpcLogger, type RpcLogger } from './rpcLogger.js';
export { MAX_FRAME_BYTES, FrameDecoder, frameHeader, FRAME_HEADER_BYTES } from './frameDecoder.js';
