// npm run bench:outbox-trace — why the "→ event confirmed (outbox relay + bus)" stage of bench:pulsar's (b) is slow
// right after a big (a). Not a test: one stack on one bus (BENCH_TRACE_BUS: memory, the default, websocket or native),
// (a) BENCH_COMMANDS (20,000) commands as bench:pulsar's (a), then (b) BENCH_MUTATIONS (300) mutations one at a time,
// with the marketing relay's every batch timed (notify → batch, BEGIN, lock, select, publish, update, COMMIT), the
// relay's select EXPLAINed (ANALYZE, BUFFERS) after (a) and after (b), pg_stat_user_tables of the outbox and inbox,
// and every (auto)vacuum/analyze seen running during (b) (pg_stat_progress_*, polled every 100 ms).
import pg from 'pg';
import { BATCHABLE_TOPICS } from '@alpes/contracts';
import { MemoryBus, PulsarNativeBus, busConfigFromEnv, createBus, type Bus, type PulsarBusConfig } from '@alpes/messaging';
import { startTestStack } from '@alpes/local-stack';
import { createPulsarNamespace } from '@alpes/testing';
import { OutboxRelay, UNPUBLISHED_ROWS_SQL } from '@alpes/transactional-messaging';
import { percentiles } from './latency-stats.js';
import { measureLatency } from './support/mutation-latency.js';
import { measureThroughput } from './support/pipeline-throughput.js';
import { ProfilingBus } from './support/profiling-bus.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 300);
const BUS = process.env.BENCH_TRACE_BUS ?? 'memory';
process.env.LOG_LEVEL ??= 'warn';

interface BatchTrace {
  at: number;
  sinceNotify: number;
  begin: number;
  lock: number;
  select: number;
  rows: number;
  publish: number;
  update: number;
  commit: number;
  total: number;
}
const trace = { on: false, lastNotify: 0, batches: [] as BatchTrace[] };

// The relay of the marketing service, timed from outside: its notify() and each publishBatch() transaction.
type RelayInternals = {
  options: { service: string };
  db: { $transaction: (fn: (tx: unknown) => Promise<unknown>, options?: unknown) => Promise<unknown> };
  publishBatch(): Promise<number>;
  notify(): void;
};
const relayProto = OutboxRelay.prototype as unknown as RelayInternals;
const originalNotify = relayProto.notify;
relayProto.notify = function (this: RelayInternals) {
  if (this.options.service === 'marketing' && trace.on) trace.lastNotify = performance.now();
  originalNotify.call(this);
};
const originalBatch = relayProto.publishBatch;
relayProto.publishBatch = async function (this: RelayInternals) {
  if (this.options.service !== 'marketing' || !trace.on) return originalBatch.call(this);
  const db = this.db;
  const start = performance.now();
  const marks: { sql: string; start: number; end: number; rows?: number }[] = [];
  let firstQuery = 0;
  const timed = (tx: Record<string, (...args: unknown[]) => Promise<unknown>>) =>
    new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== '$queryRawUnsafe' && property !== '$executeRawUnsafe') return value;
        return async (sql: string, ...values: unknown[]) => {
          const begun = performance.now();
          firstQuery ||= begun;
          const result = await (value as (...args: unknown[]) => Promise<unknown>).call(target, sql, ...values);
          marks.push({ sql: sql.trim().slice(0, 12), start: begun, end: performance.now(), ...(Array.isArray(result) ? { rows: result.length } : {}) });
          return result;
        };
      },
    });
  const wrapper = {
    $transaction: (fn: (tx: unknown) => Promise<unknown>, options?: unknown) =>
      db.$transaction((tx) => fn(timed(tx as Record<string, (...args: unknown[]) => Promise<unknown>>)), options),
  };
  this.db = wrapper as RelayInternals['db'];
  try {
    const rows = await originalBatch.call(this);
    const end = performance.now();
    const [lock, select, update] = [marks[0], marks[1], marks[2]];
    trace.batches.push({
      at: start,
      sinceNotify: trace.lastNotify ? start - trace.lastNotify : NaN,
      begin: firstQuery ? firstQuery - start : NaN,
      lock: lock ? lock.end - lock.start : NaN,
      select: select ? select.end - select.start : NaN,
      rows: select?.rows ?? 0,
      publish: select && update ? update.start - select.end : NaN,
      update: update ? update.end - update.start : NaN,
      commit: (update ?? select ?? lock) ? end - (update ?? select ?? lock)!.end : NaN,
      total: end - start,
    });
    return rows;
  } finally {
    this.db = db;
  }
};

/** The relay's own select (one 300-row batch), not a copy of it. */
const RELAY_SELECT = UNPUBLISHED_ROWS_SQL.replace('$1', '300');

async function snapshot(client: pg.Client, title: string): Promise<void> {
  console.log(`\n--- ${title}`);
  const stats = await client.query(
    `SELECT relname, n_live_tup, n_dead_tup, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_mod_since_analyze,
            to_char(last_autovacuum, 'HH24:MI:SS.MS') AS last_autovacuum, to_char(last_autoanalyze, 'HH24:MI:SS.MS') AS last_autoanalyze,
            autovacuum_count, autoanalyze_count
       FROM pg_stat_user_tables WHERE n_tup_ins > 1000 OR relname LIKE '%box%' ORDER BY relname`,
  );
  console.table(stats.rows);
  const indexes = await client.query(
    `SELECT indexrelname, pg_relation_size(indexrelid) AS bytes, idx_scan, idx_tup_read, idx_tup_fetch
       FROM pg_stat_user_indexes WHERE relname = 'outbox_messages'`,
  );
  console.table(indexes.rows);
  // planned as in the relay's transaction (LOCK_AND_PLAN_SQL turns bitmap scans off there), not as a bare statement
  await client.query('BEGIN; SET LOCAL enable_bitmapscan = off');
  const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${RELAY_SELECT}`);
  console.log(plan.rows.map((row: Record<string, string>) => `  ${row['QUERY PLAN']}`).join('\n'));
  const again = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${RELAY_SELECT}`);
  await client.query('COMMIT');
  console.log(
    '  again:',
    again.rows
      .map((row: Record<string, string>) => row['QUERY PLAN'] ?? '')
      .filter((line: string) => /Buffers|Execution|Scan/.test(line))
      .join(' | '),
  );
}

/** (auto)vacuum and analyze runs seen during (b): table, phase, first and last time seen (ms since (b) began). */
function watchMaintenance(client: pg.Client, since: number) {
  const seen = new Map<string, { first: number; last: number }>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const now = performance.now() - since;
      const result = await client.query(
        `SELECT 'vacuum ' || relid::regclass || ' ' || phase AS what FROM pg_stat_progress_vacuum
         UNION ALL SELECT 'analyze ' || relid::regclass || ' ' || phase FROM pg_stat_progress_analyze
         UNION ALL SELECT 'checkpointer ' || wait_event FROM pg_stat_activity WHERE backend_type = 'checkpointer' AND wait_event NOT IN ('CheckpointerMain')`,
      );
      for (const { what } of result.rows as { what: string }[]) {
        const entry = seen.get(what) ?? { first: now, last: now };
        entry.last = now;
        seen.set(what, entry);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return seen;
  };
}

async function busOf(name: string): Promise<Bus> {
  if (name === 'memory') return new MemoryBus();
  const { config } = busConfigFromEnv({ ...process.env, BUS: 'pulsar', PULSAR_CLIENT: 'websocket' });
  const settings = config as PulsarBusConfig;
  const namespace = await createPulsarNamespace(settings.webUrl, 'trace');
  const bus = await createBus(
    { ...settings, namespace: namespace.namespace, client: name === 'native' ? 'native' : 'websocket' },
    { batchedTopics: BATCHABLE_TOPICS },
  );
  if (name === 'native' && !(bus instanceof PulsarNativeBus)) throw new Error('native transport did not load');
  return bus;
}

const fmt = (samples: number[]) => {
  const finite = samples.filter(Number.isFinite);
  if (finite.length === 0) return '–';
  const { p50, p95 } = percentiles(finite);
  return `${p50.toFixed(1)}/${p95.toFixed(1)}`;
};

const bus = await busOf(BUS);
const profiled = new ProfilingBus(bus);
const stack = await startTestStack({ bus: profiled, seed: { afiliados: 5, conversiones: 10 } });
const client = new pg.Client({ connectionString: stack.databaseUrls.marketing });
await client.connect();
const watcher = new pg.Client({ connectionString: stack.databaseUrls.marketing });
await watcher.connect();
try {
  const settings = await client.query(
    `SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'autovacuum_naptime', 'autovacuum_vacuum_threshold', 'autovacuum_vacuum_scale_factor', 'autovacuum_vacuum_insert_threshold', 'autovacuum_analyze_threshold', 'checkpoint_timeout', 'max_wal_size', 'fsync', 'synchronous_commit', 'shared_buffers')`,
  );
  console.log(`${BUS}: postgres settings ${settings.rows.map((row: { name: string; setting: string }) => `${row.name}=${row.setting}`).join(' ')}`);
  const port = new URL(stack.databaseUrls.marketing).port;
  trace.on = true;
  const throughput = await measureThroughput(profiled, bus, bus, port, COMMANDS, 200);
  trace.on = false;
  const during = trace.batches.splice(0);
  const sum = (key: keyof BatchTrace) => during.reduce((total, batch) => total + (Number.isFinite(batch[key]) ? batch[key] : 0), 0);
  console.log(
    `${BUS}: (a) ${COMMANDS} commands in ${(throughput.endToEndMs / 1000).toFixed(1)} s, PostgreSQL ${(throughput.resources.postgresCores ?? NaN).toFixed(2)} cores; ` +
      `relay batches ${during.length} (${sum('rows')} rows): select p50/p95 ${fmt(during.map((batch) => batch.select))} ms, total ${sum('select').toFixed(0)} ms; ` +
      `update total ${sum('update').toFixed(0)} ms; batch p50/p95 ${fmt(during.map((batch) => batch.total))} ms`,
  );
  await snapshot(client, 'right after (a)');
  const since = performance.now();
  const stopWatching = watchMaintenance(watcher, since);
  trace.on = true;
  const latency = await measureLatency(stack.gatewayUrl, stack.admin, profiled, MUTATIONS);
  trace.on = false;
  const maintenance = await stopWatching();
  console.log(`\n${BUS}: (b) ${MUTATIONS} mutations in ${((performance.now() - since) / 1000).toFixed(1)} s; seen running during (b) (ms since (b) began):`);
  for (const [what, { first, last }] of maintenance) console.log(`  ${what}: ${first.toFixed(0)}–${last.toFixed(0)}`);
  const batches = trace.batches.filter((batch) => batch.at >= since);
  console.log(`\nrelay stage (b) p50/p95 ms, and relay batches (p50/p95 ms), per slice of (b):`);
  const slices = 6;
  const relayStage = latency.stages.relay;
  for (let slice = 0; slice < slices; slice += 1) {
    const from = Math.floor((slice * relayStage.length) / slices);
    const to = Math.floor(((slice + 1) * relayStage.length) / slices);
    const stage = relayStage.slice(from, to);
    const inSlice = batches.slice(Math.floor((slice * batches.length) / slices), Math.floor(((slice + 1) * batches.length) / slices));
    const pick = (key: keyof BatchTrace) => fmt(inSlice.map((batch) => batch[key]));
    console.log(
      `  slice ${slice + 1} (t=${((inSlice[0]?.at ?? since) - since).toFixed(0)} ms): stage ${fmt(stage)} | batches ${inSlice.length}: notify→batch ${pick('sinceNotify')} begin ${pick('begin')} lock ${pick('lock')} select ${pick('select')} rows ${pick('rows')} publish ${pick('publish')} update ${pick('update')} commit ${pick('commit')} total ${pick('total')}`,
    );
  }
  await snapshot(client, 'after (b)');
} finally {
  await client.end();
  await watcher.end();
  await stack.stop();
  await bus.close();
}
