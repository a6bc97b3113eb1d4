import { RpcError } from './rpc-error.js';

/** A listen() failure as one sentence naming the address, instead of a bare errno and stack. */
export function listenError(error: NodeJS.ErrnoException, address: string): RpcError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new RpcError('ADDRESS_IN_USE', `Address ${address} is already in use`, { cause: error });
    case 'EACCES':
      return new RpcError('LISTEN_FAILED', `Permission denied to listen on ${address}`, { cause: error });
    case 'EADDRNOTAVAIL':
      return new RpcError('LISTEN_FAILED', `Address ${address} is not available on this machine`, { cause: error });
    default:
      return new RpcError('LISTEN_FAILED', `Cannot listen on ${address}: ${error.message}`, { cause: error });
  }
}
