import { basename } from 'node:path';

/**
 * Spark names stages after the user's call (`count at NativeMethodAccessorImpl.java:0`); we take the first
 * stack frame outside sparkbench's engine, e.g. `count at narrow.ts:14`.
 */
export function callSite(method: string): string {
  const stack = new Error().stack?.split('\n').slice(1) ?? [];
  for (const frame of stack) {
    if (/packages[\\/]core[\\/]/.test(frame) || frame.includes('node:internal')) continue;
    const m = /\(?((?:file:\/\/)?[^()]+?):(\d+):\d+\)?$/.exec(frame.trim());
    if (m !== null) return `${method} at ${basename(m[1])}:${m[2]}`;
  }
  return `${method} at <unknown>:0`;
}
