import { createHash } from 'node:crypto';
import type { Row, Value } from '../sql/types.js';

/** A canonical text of a value: sets (arrays) sorted, so equal results hash equally whatever the order. */
function canonical(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(',')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  // A double sum depends on the order its terms were added in (the input's split layout); 12 significant
  // digits keep the answer and drop that last-bit noise, so equal answers hash equally.
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(12)));
  return String(v);
}

export function canonicalRow(row: Row): string {
  return row.map(canonical).join('|');
}

/** A 64-bit hash of a row's canonical text (two FNV-1a lanes), written into `out` at `offset`. */
export function writeRowHash(row: Row, out: Buffer, offset: number): void {
  const s = canonicalRow(row);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  out.writeUInt32BE(a >>> 0, offset);
  out.writeUInt32BE(b >>> 0, offset + 4);
}

/** sha256 of the sorted 64-bit row hashes: one digest per multiset of rows, whatever the partitioning. */
export function digestOfRowHashes(chunks: readonly Uint8Array[]): string {
  let total = 0;
  for (const c of chunks) total += c.length;
  const all = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  const hashes = new BigUint64Array(total / 8);
  for (let i = 0; i < hashes.length; i++) hashes[i] = all.readBigUInt64BE(i * 8);
  hashes.sort();
  return createHash('sha256').update(new Uint8Array(hashes.buffer)).digest('hex');
}

/** The digest of rows held by the driver (a count, a collected result), computed as a job computes it. */
export function digestOfRows(rows: readonly Row[]): string {
  const buf = Buffer.allocUnsafe(rows.length * 8);
  rows.forEach((row, i) => writeRowHash(row, buf, i * 8));
  return digestOfRowHashes([buf]);
}
