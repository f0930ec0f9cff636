// npx tsx bench/orm-overhead.bench.ts — what Prisma costs on the README query's statements, against the same
// statements through a plain pg Pool, on the same demo databases (a stack process started for it, left idle).
// For each statement: CPU µs per statement in this process (the ORM's and the driver's work) and in PostgreSQL
// (the SQL itself), serially and with BENCH_CONCURRENCY (default 10) in flight. BENCH_STATEMENTS (default 2,000).
// Three clients: Prisma, pg (unnamed statements: parsed and planned on every call) and SqlReads (what the subgraphs'
// hot reads use: named prepared statements on the same kind of Pool, rows converted to Prisma's shapes).
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { SqlReads } from '@alpes/database';
import { Prisma as AfiliadosModel } from '../subgraphs/afiliados/src/generated/prisma/client.js';
import { createAfiliadosPrisma } from '@alpes/afiliados-subgraph';
import { createConversionesPrisma } from '@alpes/conversiones-subgraph';
import { createMarketingPrisma } from '@alpes/marketing-subgraph';
import { createBenchAuth } from './support/bench-auth.js';
import { cpuOfPostgres, cpuOfThisProcess, startCpuWindow } from './support/cpu-meter.js';
import { forkBenchChild } from './support/ipc.js';
import type { StackInfo } from './support/stack-process.js';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

// The SQL of conversionesPagePerParent / comisionesPagePerAfiliado (subgraphs/*/src/infrastructure) before issue 17's
// per-batch counts (a LATERAL count(*) per parent, whether or not totalCount was selected), then as they are now: the
// README query's conversiones fetch selects no totalCount (no count), its comisiones fetch does (one grouped count).
const CONVERSIONES_PAGE = `SELECT p.parent_id AS "parentId", t.total AS "totalCount",
       c.id, c.afiliado_id AS "afiliadoId", c.campana_id AS "campanaId", c.valor, c.moneda, c.tipo::text AS tipo,
       c.metadata, c.registrada_en AS "registradaEn"
FROM unnest($1::uuid[]) AS p(parent_id)
CROSS JOIN LATERAL (SELECT count(*) AS total FROM conversiones WHERE afiliado_id = p.parent_id) t
LEFT JOIN LATERAL (SELECT * FROM conversiones c WHERE c.afiliado_id = p.parent_id ORDER BY c.id LIMIT 4) c ON true
ORDER BY p.parent_id, c.id`;
const COMISIONES_PAGE = `SELECT p.parent_id AS "parentId", t.total AS "totalCount",
       c.id, c.conversion_id AS "conversionId", c.afiliado_id AS "afiliadoId", c.campana_id AS "campanaId",
       c.monto_base AS "montoBase", c.porcentaje, c.monto, c.moneda, c.estado::text AS estado, c.motivo,
       c.calculada_en AS "calculadaEn", c.aprobada_en AS "aprobadaEn", c.pagada_en AS "pagadaEn"
FROM unnest($1::uuid[]) AS p(parent_id)
CROSS JOIN LATERAL (SELECT count(*) AS total FROM comisiones WHERE afiliado_id = p.parent_id) t
LEFT JOIN LATERAL (SELECT * FROM comisiones c WHERE c.afiliado_id = p.parent_id ORDER BY c.id LIMIT 4) c ON true
ORDER BY p.parent_id, c.id`;

const CONVERSIONES_PAGE_UNCOUNTED = `SELECT p.parent_id AS "parentId",
       c.id, c.afiliado_id AS "afiliadoId", c.campana_id AS "campanaId", c.valor, c.moneda, c.tipo::text AS tipo,
       c.metadata, c.registrada_en AS "registradaEn"
FROM unnest($1::uuid[]) AS p(parent_id)
LEFT JOIN LATERAL (SELECT * FROM conversiones c WHERE c.afiliado_id = p.parent_id ORDER BY c.id LIMIT 4) c ON true
ORDER BY p.parent_id, c.id`;
const COMISIONES_PAGE_GROUPED_COUNT = `SELECT p.parent_id AS "parentId", coalesce(t.total, 0) AS "totalCount",
       c.id, c.conversion_id AS "conversionId", c.afiliado_id AS "afiliadoId", c.campana_id AS "campanaId",
       c.monto_base AS "montoBase", c.porcentaje, c.monto, c.moneda, c.estado::text AS estado, c.motivo,
       c.calculada_en AS "calculadaEn", c.aprobada_en AS "aprobadaEn", c.pagada_en AS "pagadaEn"
FROM unnest($1::uuid[]) AS p(parent_id)
LEFT JOIN (SELECT afiliado_id, count(*) AS total FROM comisiones WHERE afiliado_id = ANY($1::uuid[]) GROUP BY afiliado_id) t
  ON t.afiliado_id = p.parent_id
LEFT JOIN LATERAL (SELECT * FROM comisiones c WHERE c.afiliado_id = p.parent_id ORDER BY c.id LIMIT 4) c ON true
ORDER BY p.parent_id, c.id`;

// the stack process requires the identity settings since issue 11 (its subgraphs stay idle here)
const auth = createBenchAuth();
const stackProcess = forkBenchChild('./stack-process.ts', { ...process.env, LOG_LEVEL: 'warn', ...auth.environment });
await stackProcess.ready;
const stack = await stackProcess.call<StackInfo>('info');
const prisma = {
  afiliados: createAfiliadosPrisma(stack.databaseUrls.afiliados),
  conversiones: createConversionesPrisma(stack.databaseUrls.conversiones),
  marketing: createMarketingPrisma(stack.databaseUrls.marketing),
};
const pools = {
  afiliados: new pg.Pool({ connectionString: stack.databaseUrls.afiliados, max: 10 }),
  conversiones: new pg.Pool({ connectionString: stack.databaseUrls.conversiones, max: 10 }),
  marketing: new pg.Pool({ connectionString: stack.databaseUrls.marketing, max: 10 }),
};
const decimal = (text: string) => new AfiliadosModel.Decimal(text);
const reads = {
  afiliados: new SqlReads(pools.afiliados, { decimal }),
  conversiones: new SqlReads(pools.conversiones, { decimal }),
  marketing: new SqlReads(pools.marketing, { decimal }),
};
try {
  const afiliadoIds = (await pools.afiliados.query<{ id: string }>('SELECT id FROM afiliados ORDER BY id LIMIT 5')).rows.map((row) => row.id);
  const campanaIds = (await pools.marketing.query<{ id: string }>('SELECT id FROM campanas ORDER BY id LIMIT 12')).rows.map((row) => row.id);
  const statements: [string, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      'afiliados page (findMany take 6)',
      () => prisma.afiliados.afiliado.findMany({ where: {}, orderBy: { id: 'asc' }, take: 6 }),
      () =>
        pools.afiliados.query(
          'SELECT id, nombre, email, telefono, tipo_afiliacion, comision_base, estado, creado_en, actualizado_en FROM afiliados ORDER BY id LIMIT 6',
        ),
      () =>
        reads.afiliados.rows(
          'SELECT id, nombre, email, telefono, tipo_afiliacion::text, comision_base, estado::text, creado_en, actualizado_en FROM afiliados ORDER BY id LIMIT $1',
          [6],
        ),
    ],
    [
      'afiliados count',
      () => prisma.afiliados.afiliado.count({ where: {} }),
      () => pools.afiliados.query('SELECT count(*) FROM afiliados'),
      () => reads.afiliados.rows('SELECT count(*) AS total FROM afiliados a', []),
    ],
    [
      'conversiones page per afiliado, LATERAL count (before)',
      () => prisma.conversiones.$queryRawUnsafe(CONVERSIONES_PAGE, afiliadoIds),
      () => pools.conversiones.query(CONVERSIONES_PAGE, [afiliadoIds]),
      () => reads.conversiones.rows(CONVERSIONES_PAGE, [afiliadoIds]),
    ],
    [
      'comisiones page per afiliado, LATERAL count (before)',
      () => prisma.marketing.$queryRawUnsafe(COMISIONES_PAGE, afiliadoIds),
      () => pools.marketing.query(COMISIONES_PAGE, [afiliadoIds]),
      () => reads.marketing.rows(COMISIONES_PAGE, [afiliadoIds]),
    ],
    [
      'conversiones page per afiliado, no count (now)',
      () => prisma.conversiones.$queryRawUnsafe(CONVERSIONES_PAGE_UNCOUNTED, afiliadoIds),
      () => pools.conversiones.query(CONVERSIONES_PAGE_UNCOUNTED, [afiliadoIds]),
      () => reads.conversiones.rows(CONVERSIONES_PAGE_UNCOUNTED, [afiliadoIds]),
    ],
    [
      'comisiones page per afiliado, grouped count (now)',
      () => prisma.marketing.$queryRawUnsafe(COMISIONES_PAGE_GROUPED_COUNT, afiliadoIds),
      () => pools.marketing.query(COMISIONES_PAGE_GROUPED_COUNT, [afiliadoIds]),
      () => reads.marketing.rows(COMISIONES_PAGE_GROUPED_COUNT, [afiliadoIds]),
    ],
    [
      'campanas by 12 ids (findMany in)',
      () => prisma.marketing.campana.findMany({ where: { id: { in: campanaIds } } }),
      () => pools.marketing.query('SELECT * FROM campanas WHERE id = ANY($1::uuid[])', [campanaIds]),
      () => reads.marketing.rows('SELECT * FROM campanas WHERE id = ANY($1::uuid[])', [campanaIds]),
    ],
  ];
  console.log(
    `ORM overhead — ${availableParallelism()} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}; ${STATEMENTS} statements each, serial and ${CONCURRENCY} in flight`,
  );
  console.log(
    `${'statement'.padEnd(52)} ${'client'.padEnd(8)} ${'in flight'.padStart(9)} ${'µs/stmt'.padStart(8)} ${'node CPU µs'.padStart(12)} ${'PostgreSQL CPU µs'.padStart(18)}`,
  );
  for (const [title, viaPrisma, viaPg, viaReads] of statements) {
    for (const inFlight of [1, CONCURRENCY]) {
      for (const [client, run] of [
        ['Prisma', viaPrisma],
        ['pg', viaPg],
        ['SqlReads', viaReads],
      ] as const) {
        await repeat(run, 200, inFlight); // warm-up
        const endWindow = startCpuWindow([cpuOfThisProcess('node'), cpuOfPostgres('PostgreSQL', stack.postgresPort)]);
        await repeat(run, STATEMENTS, inFlight);
        const window = endWindow();
        const micros = (seconds: number | undefined) => (seconds === undefined ? 'n/a' : ((seconds * 1e6) / STATEMENTS).toFixed(0));
        console.log(
          `${title.padEnd(52)} ${client.padEnd(8)} ${String(inFlight).padStart(9)} ${((window.wallSeconds * 1e6) / STATEMENTS).toFixed(0).padStart(8)} ` +
            `${micros(window.seconds.node).padStart(12)} ${micros(window.seconds.PostgreSQL).padStart(18)}`,
        );
      }
    }
  }
} finally {
  await Promise.all([...Object.values(prisma).map((client) => client.$disconnect()), ...Object.values(pools).map((pool) => pool.end())]);
  await stackProcess.stop();
  auth.remove();
}

async function repeat(run: () => Promise<unknown>, count: number, inFlight: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next++ < count) await run();
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}
