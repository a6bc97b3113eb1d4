// Where the real Spark logs live in this checkout; tests that need them skip when it is absent.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SPARK_EVENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/spark-events');

export const HAVE_SPARK_EVENTS = existsSync(SPARK_EVENTS_DIR);

if (!HAVE_SPARK_EVENTS) {
  console.warn(`Real Spark event logs not found at ${SPARK_EVENTS_DIR}: skipping the tests that read them.`);
}
