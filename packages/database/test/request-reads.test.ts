// One request's reads (RequestReads) on a real PostgreSQL: a statement its resolvers need twice runs once, pages of one
// listing that differ only in size run as one statement, and every caller gets exactly what its own statement reads.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestReads, SqlFilter, SqlReads, keysetListing } from '../src/index.js';
import { cleanUp, createTestDatabase } from './support/test-databases.js';

const PAGE = 'SELECT id, nombre FROM items WHERE grupo = $1 ORDER BY id LIMIT $2';
const COUNT = 'SELECT count(*) AS total FROM items WHERE grupo = $1';

let pool: pg.Pool;
let reads: SqlReads;
const statements: string[] = [];

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase('alpes_request_reads'), max: 4 });
  await pool.query('CREATE TABLE items (id int PRIMARY KEY, grupo text NOT NULL, nombre text NOT NULL)');
  await pool.query(`INSERT INTO items SELECT n, CASE WHEN n % 2 = 0 THEN 'par' ELSE 'impar' END, 'item ' || n FROM generate_series(1, 20) AS n`);
  reads = new SqlReads(pool, { decimal: (text) => text, onStatement: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await pool?.end();
  await cleanUp();
});

/** What `reads` runs while `work` runs. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  statements.length = 0;
  const result = await work();
  return { result, statements: [...statements] };
}

describe('RequestReads', () => {
  it('runs a statement that sibling callers need once, and gives each caller its own array of the same rows', async () => {
    const request = new RequestReads(reads);
    const { result, statements: ran } = await statementsOf(() => Promise.all([request.rows(COUNT, ['par']), request.rows(COUNT, ['par'])]));
    expect(ran).toEqual([COUNT]);
    expect(result[0]).toEqual([{ total: 10 }]);
    expect(result[1]).toEqual(result[0]);
    expect(result[1]).not.toBe(result[0]);
    // later in the same request: still the request's one reading
    const again = await statementsOf(() => request.rows(COUNT, ['par']));
    expect(again.statements).toEqual([]);
    expect(again.result).toEqual([{ total: 10 }]);
  });

  it('reads pages of one listing that differ only in size as one statement with the largest LIMIT, each its own first rows', async () => {
    const request = new RequestReads(reads);
    const limits = [1, 4, 2, 7];
    const { result, statements: ran } = await statementsOf(() => Promise.all(limits.map((limit) => request.limitedRows(PAGE, ['impar'], limit))));
    expect(ran).toEqual([PAGE]);
    for (const [index, limit] of limits.entries()) expect(result[index]).toEqual(await reads.limitedRows(PAGE, ['impar'], limit));
    expect(result.map((rows) => rows.length)).toEqual(limits);
  });

  it('keeps statements with other values apart', async () => {
    const request = new RequestReads(reads);
    const { result, statements: ran } = await statementsOf(() =>
      Promise.all([
        request.limitedRows<{ id: number }>(PAGE, ['par'], 2),
        request.limitedRows<{ id: number }>(PAGE, ['impar'], 2),
        request.rows(COUNT, ['impar']),
      ]),
    );
    expect(ran).toEqual([PAGE, PAGE, COUNT]);
    expect(result[0].map((row) => row.id)).toEqual([2, 4]);
    expect(result[1].map((row) => row.id)).toEqual([1, 3]);
    expect(result[2]).toEqual([{ total: 10 }]);
  });

  it('gives the failure of a shared statement to every caller that needed it', async () => {
    const request = new RequestReads(reads);
    const broken = 'SELECT id FROM no_such_table WHERE grupo = $1 ORDER BY id LIMIT $2';
    const results = await Promise.allSettled([request.limitedRows(broken, ['par'], 1), request.limitedRows(broken, ['par'], 3), request.rows(COUNT, ['par'])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const result of results.slice(0, 2)) expect(String((result as PromiseRejectedResult).reason)).toMatch(/no_such_table/);
  });

  it('shares nothing between requests: a row written after one request read is seen by the next', async () => {
    const first = new RequestReads(reads);
    expect(await first.rows(COUNT, ['nuevo'])).toEqual([{ total: 0 }]);
    await pool.query(`INSERT INTO items VALUES (100, 'nuevo', 'item 100')`);
    expect(await new RequestReads(reads).rows(COUNT, ['nuevo'])).toEqual([{ total: 1 }]);
  });

  it('keysetListing through a request: listings with one filter and cursor read one page and one count', async () => {
    const request = new RequestReads(reads);
    const source = { table: 'items', alias: 'i', columns: 'i.id, i.nombre' };
    const listing = (take: number) =>
      keysetListing<{ id: number }>(
        request,
        source,
        new SqlFilter().where((p) => `i.grupo = ${p}`, 'par'),
        { take },
      );
    const { result, statements: ran } = await statementsOf(async () => {
      const [three, five] = await Promise.all([listing(3), listing(5)]);
      return { three: three.rows, five: five.rows, counts: await Promise.all([three.count(), five.count()]) };
    });
    expect(ran).toHaveLength(2);
    expect(result.three.map((row) => row.id)).toEqual([2, 4, 6, 8]); // take + 1: the extra row says a next page exists
    expect(result.five.map((row) => row.id)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(result.counts).toEqual([10, 10]);
  });
});
