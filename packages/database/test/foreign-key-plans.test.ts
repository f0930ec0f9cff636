// The write pool's sessions plan PostgreSQL's foreign-key checks for the table as it is now, not as it was when the
// session first checked it: a parent table analyzed while small (the demo seed, a new deployment) and then grown
// must not be sequentially scanned by every later insert of a child row. Counted in pg_stat_xact_user_tables.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicePool } from '../src/index.js';
import { cleanUp, createTestDatabase } from './support/test-databases.js';

const PARENT_ROWS_AT_ANALYZE = 5;
const PARENT_ROWS_LATER = 20_000;

let url: string;

beforeAll(async () => {
  url = await createTestDatabase('alpes_fk_plans');
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    // no autoanalyze in the middle of the test: its statistics stay those of the small table, as between two autoanalyzes
    await setup.query('CREATE TABLE fk_parent (id uuid PRIMARY KEY, pad text NOT NULL) WITH (autovacuum_enabled = false)');
    await setup.query('CREATE TABLE fk_child (id uuid PRIMARY KEY, parent_id uuid NOT NULL REFERENCES fk_parent (id))');
    await setup.query(`INSERT INTO fk_parent SELECT gen_random_uuid(), repeat('x', 200) FROM generate_series(1, ${PARENT_ROWS_AT_ANALYZE})`);
    await setup.query('ANALYZE fk_parent');
  } finally {
    await setup.end();
  }
});
afterAll(cleanUp);

interface ParentScans {
  seq: number;
  index: number;
}

const insertChildOf = (session: pg.ClientBase, parentId: string) => session.query('INSERT INTO fk_child VALUES (gen_random_uuid(), $1)', [parentId]);

/** Ten child inserts: past the five custom plans after which PostgreSQL settles on a cached generic plan. */
async function checkTenTimes(session: pg.ClientBase, parentId: string): Promise<void> {
  for (let index = 0; index < 10; index += 1) await insertChildOf(session, parentId);
}

/** The scans of the parent by one child insert's foreign-key check, counted in its own transaction. */
async function scansOfOneCheck(session: pg.ClientBase, parentId: string): Promise<ParentScans> {
  const parentScansSoFar = `SELECT seq_scan::int AS seq, idx_scan::int AS index FROM pg_stat_xact_user_tables WHERE relname = 'fk_parent'`;
  await session.query('BEGIN');
  try {
    const before = (await session.query<ParentScans>(parentScansSoFar)).rows[0]!;
    await insertChildOf(session, parentId);
    const after = (await session.query<ParentScans>(parentScansSoFar)).rows[0]!;
    return { seq: after.seq - before.seq, index: after.index - before.index };
  } finally {
    await session.query('ROLLBACK');
  }
}

describe('foreign-key checks on the write pool', () => {
  it('take the primary key after the parent table grew, where a default session keeps a sequential scan', async () => {
    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    const pool = createServicePool(url, { max: 1 });
    try {
      const pooled = await pool.connect();
      try {
        const parentId = (await plain.query<{ id: string }>('SELECT id FROM fk_parent LIMIT 1')).rows[0]!.id;
        await checkTenTimes(plain, parentId);
        await checkTenTimes(pooled, parentId);
        await plain.query(`INSERT INTO fk_parent SELECT gen_random_uuid(), repeat('x', 200) FROM generate_series(1, ${PARENT_ROWS_LATER})`);
        const withDefaults = await scansOfOneCheck(plain, parentId);
        const onWritePool = await scansOfOneCheck(pooled, parentId);
        console.info(`[fk-plans] parent scans by one late check: default session ${JSON.stringify(withDefaults)}, write pool ${JSON.stringify(onWritePool)}`);
        // the default session shows the trap this guards against: the check scans the whole parent table
        expect(withDefaults.seq).toBeGreaterThanOrEqual(1);
        expect(onWritePool).toEqual(expect.objectContaining({ seq: 0 }));
        expect(onWritePool.index).toBeGreaterThanOrEqual(1);
      } finally {
        pooled.release();
      }
    } finally {
      await pool.end();
      await plain.end();
    }
  });
});
