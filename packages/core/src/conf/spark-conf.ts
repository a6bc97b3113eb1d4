import { parseMemoryString } from '../storage/byte-string.js';

/** A configuration value that does not parse. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Spark's SparkConf: string settings by Spark's names, with typed reads and Spark's defaults at the call site. */
export class SparkConf {
  private readonly settings = new Map<string, string>();

  constructor(initial: Record<string, string | number | boolean> = {}) {
    for (const [k, v] of Object.entries(initial)) this.set(k, v);
  }

  set(key: string, value: string | number | boolean): this {
    this.settings.set(key, String(value));
    return this;
  }

  setIfMissing(key: string, value: string | number | boolean): this {
    if (!this.settings.has(key)) this.set(key, value);
    return this;
  }

  get(key: string, defaultValue?: string): string | undefined {
    return this.settings.get(key) ?? defaultValue;
  }

  has(key: string): boolean {
    return this.settings.has(key);
  }

  getInt(key: string, defaultValue: number): number {
    const raw = this.settings.get(key);
    if (raw === undefined) return defaultValue;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new ConfigError(`${key} must be an integer, got "${raw}"`);
    return n;
  }

  getDouble(key: string, defaultValue: number): number {
    const raw = this.settings.get(key);
    if (raw === undefined) return defaultValue;
    const n = Number(raw);
    if (Number.isNaN(n)) throw new ConfigError(`${key} must be a number, got "${raw}"`);
    return n;
  }

  getBoolean(key: string, defaultValue: boolean): boolean {
    const raw = this.settings.get(key);
    if (raw === undefined) return defaultValue;
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    throw new ConfigError(`${key} must be true or false, got "${raw}"`);
  }

  /** Sizes such as `1g`, `512m`; a bare number is in `defaultUnit` (Spark: MiB for memory settings). */
  getBytes(key: string, defaultValue: string, defaultUnit: 'b' | 'm' = 'b'): number {
    const raw = this.settings.get(key) ?? defaultValue;
    try {
      return parseMemoryString(raw, defaultUnit);
    } catch {
      throw new ConfigError(`${key} must be a size such as 512m or 1g, got "${raw}"`);
    }
  }

  /** Durations such as `3s`, `500ms`, `2min`; a bare number is in `defaultUnit`. */
  getTimeMs(key: string, defaultValue: string, defaultUnit: 'ms' | 's' = 'ms'): number {
    const raw = (this.settings.get(key) ?? defaultValue).trim();
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?$/i.exec(raw);
    if (m === null) throw new ConfigError(`${key} must be a duration such as 500ms or 3s, got "${raw}"`);
    const unit = (m[2] ?? defaultUnit).toLowerCase();
    const factor = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
    return Number(m[1]) * factor;
  }

  entries(): [string, string][] {
    return [...this.settings.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}
