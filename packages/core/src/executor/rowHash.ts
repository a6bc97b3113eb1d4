import type { Row, Value } from '../sql/types.js';

/** A canonical text of a value: sets (arrays) sorted, so equal results hash equally whatever the order. */
function canonical(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).sort().join(',')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
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
