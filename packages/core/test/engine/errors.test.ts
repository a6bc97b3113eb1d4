// User errors fail fast with one clear line: what is wrong, where, and what would be valid.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisException, col, CsvInputError, SparkException, StorageLevel, sum, UnknownStorageLevelError, type DataFrame, type Schema, type SparkSession } from '../../src/index.js';
import { readEvents, SAMPLE_CSV, startSession, tempDir } from './fixtures.js';

const tmp = tempDir('errors');
let spark: SparkSession;
let df: DataFrame;

/** 1-based line numbers of the broken records in the malformed copy of the sample. */
const BAD_PRICE_LINE = 501;
const SHORT_LINE = 1501;
let malformedCsv: string;

beforeAll(async () => {
  spark = await startSession('local[2]', `${tmp.path}/events`, { 'spark.log.level': 'ERROR' });
  df = await readEvents(spark, SAMPLE_CSV);
  // The sample with a non-numeric price on one line and another line cut after category_code (5 of 9 fields).
  const lines = readFileSync(SAMPLE_CSV, 'latin1').split('\n');
  const priced = lines[BAD_PRICE_LINE - 1].split(',');
  priced[6] = 'abc';
  lines[BAD_PRICE_LINE - 1] = priced.join(',');
  lines[SHORT_LINE - 1] = lines[SHORT_LINE - 1].split(',').slice(0, 5).join(',');
  malformedCsv = join(tmp.path, 'malformed.csv');
  writeFileSync(malformedCsv, lines.join('\n'));
});

afterAll(async () => {
  await spark?.stop();
  tmp.remove();
});

/** The error `f` throws or rejects with. */
async function errorOf(f: () => unknown): Promise<Error> {
  try {
    await f();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected an error, got none');
}

function expectOneLine(err: Error): void {
  expect(err.message).not.toContain('\n');
}

describe('analysis errors', () => {
  it('an unknown column names itself and lists the valid ones', async () => {
    const err = await errorOf(() => df.filter(col('evnt_type').eq('purchase')));
    expect(err).toBeInstanceOf(AnalysisException);
    expect(err.message).toContain('`evnt_type`');
    for (const name of df.columns) expect(err.message).toContain(`\`${name}\``);
    expectOneLine(err);
  });

  it('sum over a string column is a type mismatch naming the column and its type', async () => {
    const err = await errorOf(() => df.groupBy('user_session').agg(sum('brand')));
    expect(err).toBeInstanceOf(AnalysisException);
    expect(err.message).toMatch(/DATATYPE_MISMATCH/);
    expect(err.message).toContain('sum(brand)');
    expect(err.message).toContain('"STRING"');
    expectOneLine(err);
  });

  it('an unknown storage level lists every valid name and leaves the DataFrame unpersisted', async () => {
    const purchases = df.filter(col('event_type').eq('purchase'));
    const err = await errorOf(() => purchases.persist('FOO'));
    expect(err).toBeInstanceOf(UnknownStorageLevelError);
    expect(err.message).toContain('FOO');
    for (const name of StorageLevel.ALL_NAMES) expect(err.message).toContain(name);
    expectOneLine(err);
    expect(purchases.storageLevel).toBe(StorageLevel.NONE);
  });

  it('a missing input path says the path does not exist', async () => {
    const missing = join(tmp.path, 'no-such-file.csv');
    const err = await errorOf(() => readEvents(spark, missing));
    expect(err).toBeInstanceOf(CsvInputError);
    expect(err.message).toBe(`Path does not exist: file:${missing}`);
  });
});

describe('malformed records', () => {
  function read(mode: string, schema: Schema): Promise<DataFrame> {
    return spark.read.option('header', 'true').option('mode', mode).schema(schema).csv(malformedCsv);
  }

  it('FAILFAST fails the job with the file, the line and the reason', async () => {
    const frame = await read('FAILFAST', df.schema);
    const err = await errorOf(() => frame.collectRows());
    expect(err).toBeInstanceOf(SparkException);
    expect(err.message).toContain(malformedCsv);
    expect(err.message).toContain(`line ${BAD_PRICE_LINE}`);
    expect(err.message).toContain('price');
    expect(err.message).toContain('abc');
    expectOneLine(err);
  });

  it('DROPMALFORMED drops exactly the two broken records', async () => {
    const frame = await read('DROPMALFORMED', df.schema);
    const rows = await frame.collectRows();
    expect(rows).toHaveLength(2000 - 2);
    expect(await frame.filter(col('price').isNull()).count()).toBe(0);
  });

  it('PERMISSIVE keeps every record, with nulls where the broken ones could not be read', async () => {
    const frame = await read('PERMISSIVE', df.schema);
    expect(await frame.collectRows()).toHaveLength(2000);
    const nulls = await frame.filter(col('price').isNull()).collectRows();
    expect(nulls).toHaveLength(2);
    // The cut line keeps the fields it has; the bad price reads as null but its line's other fields stay.
    const price = df.columns.indexOf('price');
    const session = df.columns.indexOf('user_session');
    for (const row of nulls) expect(row[price]).toBeNull();
    expect(nulls.filter((row) => row[session] === null)).toHaveLength(1);
  });
});
