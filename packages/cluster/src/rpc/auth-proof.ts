import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NONCE_BYTES, PROTOCOL } from './envelope.js';

/*
 * Challenge-response on a shared secret, both ways (the idea behind spark.authenticate): each side
 * sends a fresh random nonce and the other proves it knows the secret with an HMAC over both nonces.
 * The secret itself never crosses the wire, and a recorded proof is useless on a later connection
 * because the nonces differ. The role label ("client"/"server") in the MAC keeps a server's proof
 * from being replayed as a client's or the reverse.
 *
 * This is authentication, not encryption: frames travel in clear, so it keeps out processes that do
 * not know the secret, not an observer who can read or relay loopback traffic.
 */

export type Role = 'client' | 'server';

export function newNonce(): Buffer {
  return randomBytes(NONCE_BYTES);
}

/** HMAC-SHA256(secret, protocol + role + serverNonce + clientNonce); nonces have a fixed length. */
export function authProof(secret: string, role: Role, serverNonce: Buffer, clientNonce: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${PROTOCOL} ${role}`).update(serverNonce).update(clientNonce).digest();
}

/**
 * Compares in constant time, so response timings do not reveal how many leading bytes of a guess
 * were right. (timingSafeEqual throws on different lengths; a proof of the wrong length is simply wrong.)
 */
export function proofMatches(expected: Buffer, received: Buffer): boolean {
  return received.length === expected.length && timingSafeEqual(expected, received);
}

/** Refuses an empty or missing secret up front: an empty HMAC key would "authenticate" anyone who guessed it. */
export function checkSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('spark.authenticate.secret must be a non-empty string');
  }
}
