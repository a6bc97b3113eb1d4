/**
 * What endpoints exchange: a plain object whose `type` names it (`RegisterWorker`, `Heartbeat`,
 * `LaunchTask`), so a handler can switch on it and errors can say which message was involved.
 * Fields may be anything msgpackr carries: numbers, bigints, strings, booleans, null, arrays, plain
 * objects, Buffers/Uint8Arrays, Dates.
 *
 * The union is a typing device, not two kinds of message: the first member accepts interfaces
 * (`interface Heartbeat { type: 'Heartbeat'; ... }`, which have no index signature), the second lets
 * an object literal with extra fields through where TypeScript would otherwise flag them as excess.
 */
export type RpcMessage = { readonly type: string } | { readonly type: string; readonly [field: string]: unknown };

/** A message as it arrives: the type is known, the other fields are whatever the peer sent. */
export type ReceivedMessage = { readonly type: string; readonly [field: string]: unknown };

export function isRpcMessage(value: unknown): value is ReceivedMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The message's type for error messages, even when the value is not a proper message. */
export function describeMessageType(value: unknown): string {
  return isRpcMessage(value) ? value.type : `a ${value === null ? 'null' : typeof value} (not an RPC message)`;
}
