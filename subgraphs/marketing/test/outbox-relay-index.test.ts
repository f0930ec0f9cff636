// The outbox relay's select after a burst, on a real database (the marketing one; no service running): once the relay
// published and marked N rows, its next select reads the unpublished rows' index, not every published row. Before the
// partial index outbox_messages_unpublished_idx, the planner served "published_at IS NULL ORDER BY sequence" with a
// bitmap scan of the (published_at, sequence) index + sort, which visited the heap page of every row published since
// the last vacuum (bench:pulsar's (b) after 20,000 commands: 6–80 ms per select, the slow "event confirmed" stage).
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus, type Bus } from '@alpes/messaging';
import { waitUntil } from '@alpes/testing';
import { ANY_UNPUBLISHED_SQL, OutboxRelay, UNPUBLISHED_ROWS_SQL, type SqlExecutor, type TransactionalDatabase } from '@alpes/transactional-messaging';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMarketingPrisma, type MarketingPrisma } from '../src/index.js';

const ROWS = 6_000;

let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let bus: MemoryBus;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
  bus = new MemoryBus();
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});
afterAll(async () => {
  await bus?.close();
  await prisma?.$disconnect();
  await database?.stop();
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

interface ExplainedSelect {
  rows: number;
  pages: number;
  plan: string;
}

/**
 * The marketing database as the relay sees it, except that each of the relay's selects is first run as
 * EXPLAIN (ANALYZE, BUFFERS) in the relay's own transaction (same settings, same snapshot): the pages it touched.
 * Its timer polls' probes (one statement outside a transaction) are explained likewise, into `probes`.
 */
function explaining(explained: ExplainedSelect[], probes: ExplainedSelect[] = []): TransactionalDatabase {
  const describe = (node: PlanNode): string =>
    `${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}${node.Plans ? ` ← ${node.Plans.map(describe).join(', ')}` : ''}`;
  const explain = async (executor: SqlExecutor, into: ExplainedSelect[], query: string, values: unknown[]) => {
    const [row] = await executor.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`, ...values);
    const top = row!['QUERY PLAN'][0].Plan;
    into.push({ rows: top['Actual Rows'], pages: top['Shared Hit Blocks'] + top['Shared Read Blocks'], plan: describe(top) });
  };
  const withExplain = (tx: SqlExecutor): SqlExecutor => ({
    $executeRawUnsafe: (query, ...values) => tx.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => {
      if (query === UNPUBLISHED_ROWS_SQL) await explain(tx, explained, query, values);
      return tx.$queryRawUnsafe<T>(query, ...values);
    },
  });
  return {
    $executeRawUnsafe: (query, ...values) => prisma.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => {
      if (query === ANY_UNPUBLISHED_SQL) await explain(prisma, probes, query, values);
      return prisma.$queryRawUnsafe<T>(query, ...values);
    },
    $transaction: (fn, options) => prisma.$transaction((tx) => fn(withExplain(tx)), options),
  };
}

/** ROWS unpublished rows of ~430 bytes (~430 table pages) in an empty table, autovacuum off: the state between two vacuums. */
async function fillOutbox(): Promise<number> {
  await prisma.$executeRawUnsafe('TRUNCATE outbox_messages');
  await prisma.$executeRawUnsafe('ALTER TABLE outbox_messages SET (autovacuum_enabled = false)');
  await prisma.$executeRawUnsafe(
    `INSERT INTO outbox_messages (id, topic, key, envelope)
     SELECT gen_random_uuid(), 'marketing.eventos', 'clave-' || n, jsonb_build_object('type', 'CampanaCreada', 'n', n, 'relleno', repeat('x', 400))
       FROM generate_series(1, ${ROWS}) AS n`,
  );
  const [{ pages } = { pages: 0 }] = await prisma.$queryRawUnsafe<{ pages: number }[]>(
    `SELECT (pg_relation_size('outbox_messages') / current_setting('block_size')::int)::int AS pages`,
  );
  expect(pages).toBeGreaterThan(ROWS / 20);
  return pages;
}

function startRelay(
  explained: ExplainedSelect[],
  publish: Bus['publish'] = (topic, message) => bus.publish(topic, message),
  probes: ExplainedSelect[] = [],
): OutboxRelay {
  const through: Bus = {
    publish,
    consume: (options) => bus.consume(options),
    read: (options) => bus.read(options),
    isConnected: () => bus.isConnected(),
    close: async () => undefined,
  };
  const started = new OutboxRelay(explaining(explained, probes), through, { service: 'marketing', pollIntervalMs: 20 });
  relays.push(started);
  started.start();
  return started;
}

describe('OutboxRelay select', () => {
  it(`after a burst of ${ROWS.toLocaleString('en-US')} rows, reads neither the rows it published nor their dead index entries again`, async () => {
    const heapPages = await fillOutbox();
    const explained: ExplainedSelect[] = [];
    const probes: ExplainedSelect[] = [];
    const relay = startRelay(explained, undefined, probes);
    await waitUntil('every row published', async () => (await prisma.outboxMessage.count({ where: { publishedAt: null } })) === 0, 30_000);
    const published = explained.length;
    // selects with nothing to publish, each asked for by a commit's notify() (a timer poll only probes): the first may
    // still meet the last batch's entries; the third is the steady state
    const emptySelects = () => explained.slice(published).filter((select) => select.rows === 0).length;
    while (emptySelects() < 3) {
      const before = explained.length;
      relay.notify();
      await waitUntil('the select a notify() asks for', () => explained.length > before);
    }
    const last = explained.at(-1)!;
    expect(last.rows).toBe(0);
    expect(last.pages, `the relay's select touched ${last.pages} pages of a ${heapPages}-page table (${last.plan})`).toBeLessThan(heapPages / 4);
    // and the timer polls' probe (20 ms here) reads the same partial index, not the table
    const probed = probes.length;
    await waitUntil('three probes after the burst', () => probes.length >= probed + 3);
    const probe = probes.at(-1)!;
    expect(probe.pages, `the poll's probe touched ${probe.pages} pages of a ${heapPages}-page table (${probe.plan})`).toBeLessThan(heapPages / 4);
  }, 60_000);

  it(`with a backlog of ${ROWS.toLocaleString('en-US')} rows, reads one batch's rows, not the whole backlog`, async () => {
    const heapPages = await fillOutbox();
    const explained: ExplainedSelect[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    startRelay(explained, async (topic, message) => {
      await gate;
      return bus.publish(topic, message);
    });
    try {
      await waitUntil('the first select', () => explained.length >= 1);
    } finally {
      release();
    }
    const [first] = explained;
    expect(first!.rows).toBe(300);
    expect(first!.pages, `the relay's first select touched ${first!.pages} pages of a ${heapPages}-page table (${first!.plan})`).toBeLessThan(heapPages / 4);
    await waitUntil('every row published', async () => (await prisma.outboxMessage.count({ where: { publishedAt: null } })) === 0, 30_000);
  }, 60_000);
});
