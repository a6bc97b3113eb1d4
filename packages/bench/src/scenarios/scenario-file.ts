import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { StorageLevel } from '@sparkbench/core';
import { parseFaultSpec } from '@sparkbench/cluster';
import type { JobName } from './seed-jobs.js';

/** One run of a scenario: a job, maybe persisted, maybe with a fault. */
export interface ScenarioRun {
  readonly job: JobName;
  /** A storage level name; NONE means not persisted. */
  readonly storage: string;
  /** A fault spec, or `none`. */
  readonly fault: string;
  readonly label?: string;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly dataset: { readonly path?: string; readonly rows?: number; readonly seed?: number };
  readonly master?: string;
  readonly reps: number;
  readonly conf: Readonly<Record<string, string>>;
  readonly runs: readonly ScenarioRun[];
  /** Where it was read from. */
  readonly file: string;
}

/** A scenario file that does not parse or does not follow the schema; the message says where. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
}

/** The built-in scenarios live in the checkout's bench/scenarios, beside the schema. */
export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../bench/scenarios');
export const BUILT_IN_SCENARIOS = ['narrow', 'wide', 'seed'] as const;

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(doc: unknown): readonly ErrorObject[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(resolve(SCENARIO_DIR, 'schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  }
  return validator(doc) ? [] : (validator.errors ?? []);
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the scenario' : e.instancePath.slice(1).replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
  if (e.keyword === 'additionalProperties') return `${where} has an unknown field "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

/** A built-in name (`narrow`, `wide`, `seed`) or a path to a .json/.yaml file. */
export function resolveScenarioPath(nameOrPath: string): string {
  if ((BUILT_IN_SCENARIOS as readonly string[]).includes(nameOrPath)) return resolve(SCENARIO_DIR, `${nameOrPath}.yaml`);
  const path = resolve(nameOrPath);
  if (!existsSync(path)) {
    throw new ScenarioFileError(`unknown scenario "${nameOrPath}": not a built-in (${BUILT_IN_SCENARIOS.join(', ')}) and no such file`);
  }
  return path;
}

export function loadScenario(nameOrPath: string): Scenario {
  const file = resolveScenarioPath(nameOrPath);
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ScenarioFileError(`${file}: not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const errors = validate(doc);
  if (errors.length > 0) throw new ScenarioFileError(`${file}: ${errors.map(describe).join('; ')}`);
  const d = doc as {
    name: string;
    description?: string;
    dataset?: { path?: string; rows?: number; seed?: number };
    master?: string;
    reps?: number;
    conf?: Record<string, string | number | boolean>;
    runs: { job: JobName; storage?: string; fault?: string; label?: string }[];
  };
  const runs = d.runs.map((r, i): ScenarioRun => {
    const storage = r.storage ?? 'NONE';
    try {
      StorageLevel.fromString(storage);
      if (r.fault !== undefined && r.fault !== 'none') parseFaultSpec(r.fault);
    } catch (err) {
      throw new ScenarioFileError(`${file}: runs[${i}]: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Keep the name as written: MEMORY_AND_DISK_DESER has MEMORY_AND_DISK's flags but is its own cell.
    return { job: r.job, storage: storage.toUpperCase(), fault: r.fault ?? 'none', label: r.label };
  });
  const dataset = d.dataset ?? {};
  return {
    name: d.name,
    description: d.description,
    dataset: { ...dataset, path: dataset.path === undefined ? undefined : resolve(dirname(file), dataset.path) },
    master: d.master,
    reps: d.reps ?? 1,
    conf: Object.fromEntries(Object.entries(d.conf ?? {}).map(([k, v]) => [k, String(v)])),
    runs,
    file,
  };
}
