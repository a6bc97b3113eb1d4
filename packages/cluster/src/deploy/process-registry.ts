import type { ChildProcess } from 'node:child_process';
import { addShutdownHook } from '@sparkbench/core';

/**
 * Every process the runtime starts is registered here, so that however this process ends — normally, on
 * an error, on Ctrl-C or SIGTERM — its children are killed and none is left behind.
 */
const children = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

export function registerProcess(child: ChildProcess): ChildProcess {
  if (!hooked) {
    hooked = true;
    addShutdownHook(killAll);
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. Resolves once it has exited. */
export function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill('SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export function liveProcesses(): number {
  return children.size;
}
