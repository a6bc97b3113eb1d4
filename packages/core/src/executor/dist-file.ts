import { fileURLToPath } from 'node:url';

/**
 * The compiled JavaScript of a module that must start in a new thread or process. Under vitest the code
 * runs from `src/*.ts`, but a worker or child process needs the built `dist/*.js`.
 */
export function distFile(url: URL): string {
  const path = fileURLToPath(url);
  if (!path.includes('/src/')) return path;
  return path.replace(/\/src\/(?!.*\/src\/)/, '/dist/').replace(/\.ts$/, '.js');
}
