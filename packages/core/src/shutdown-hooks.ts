/**
 * Spark's ShutdownHookManager: cleanups that must run however the process ends — normal exit, an uncaught
 * error, SIGINT (Ctrl-C) or SIGTERM — so no temp directory, thread or child process is left behind.
 * Hooks are synchronous because 'exit' handlers cannot wait.
 */
type Hook = () => void;

const hooks = new Map<number, Hook>();
let nextId = 0;
let installed = false;

function runAll(): void {
  for (const [id, hook] of [...hooks].reverse()) {
    hooks.delete(id);
    try {
      hook();
    } catch {
      // One failing cleanup must not stop the others.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      runAll();
      // Exit as the signal would have: 128 + its number (SIGTERM → 143, as Spark's executors report).
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** Registers a cleanup; returns a function that removes it (call it once the resource is released). */
export function addShutdownHook(hook: Hook): () => void {
  install();
  const id = nextId++;
  hooks.set(id, hook);
  return () => {
    hooks.delete(id);
  };
}
