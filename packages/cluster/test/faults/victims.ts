/**
 * Real processes for the fault injector to signal, and the means to reap every one of them:
 * a test that leaves a stopped or sleeping child behind would leak it past the test run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface Victim {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Settles when the process has exited and been reaped. */
  readonly exited: Promise<Exit>;
  /** True once the process has exited. */
  hasExited(): boolean;
}

const living = new Set<Victim>();

/** Exits 143 on SIGTERM as our executors do (shutdown hooks run, then 128 + 15); dies by any other kill signal. */
const EXECUTOR_LIKE = "process.on('SIGTERM', () => process.exit(143)); setInterval(() => {}, 1000); process.stdout.write('ready\\n');";

function track(child: ChildProcess): Victim {
  if (child.pid === undefined) throw new Error('child process did not start');
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const victim: Victim = { pid: child.pid, child, exited, hasExited: () => done };
  living.add(victim);
  void exited.then(() => living.delete(victim));
  return victim;
}

/** A node process like an executor: it resolves once its SIGTERM handler is in place. */
export async function spawnExecutorLike(): Promise<Victim> {
  const child = spawn(process.execPath, ['-e', EXECUTOR_LIKE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const victim = track(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code, signal) => reject(new Error(`child exited before it was ready (${code ?? signal})`)));
  });
  return victim;
}

/** `sleep 60`: no handlers, so every signal does what the kernel does by default. */
export function spawnSleep(): Victim {
  return track(spawn('sleep', ['60'], { stdio: 'ignore' }));
}

/** SIGKILLs every child still alive and waits until each is reaped; SIGKILL also ends a stopped process. */
export async function reapAll(): Promise<void> {
  const victims = [...living];
  for (const v of victims) {
    try {
      process.kill(v.pid, 'SIGKILL');
    } catch {
      // Already gone, only not yet reaped.
    }
  }
  await Promise.all(victims.map((v) => v.exited));
}

/** The state letter in /proc/<pid>/stat: 'T' stopped, 'S' sleeping, 'R' running; undefined once gone. */
export function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; the state follows its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Polls until `condition` holds; fails after a generous bound, since signals are delivered asynchronously. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
