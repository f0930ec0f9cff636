// npx tsx bench/orm-overhead.bench.ts — what Prisma costs on the README query's statements, against the same
// statements through a plain pg Pool, on the same demo databases (a stack process started for it, left idle).
// For each statement: CPU µs per statement in this process (the ORM's and the driver's work) and in PostgreSQL
// (the SQL itself), serially and with BENCH_CONCURRENCY (default 10) in flight. BENCH_STATEMENTS (default 2,000).
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { createAfiliadosPrisma } from '@alpes/afiliados-subgraph';
import { createConversionesPrisma } from '@alpes/conversiones-subgraph';
import { createMarketingPrisma } from '@alpes/marketing-subgraph';
import { cpuOfPostgres, cpuOfThisProcess, startCpuWindow } from './support/cpu-meter.js';
import { forkBenchChild } from './support/ipc.js';
import type { StackInfo } from './support/stack-process.js';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

// The SQL of conversionesPagePerParent / comisionesPagePerAfiliado (subgraphs/*/src/infrastructure), verbatim.
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

const stackProcess = forkBenchChild('./stack-process.ts', { ...process.env, LOG_LEVEL: 'warn' });
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
try {
  const afiliadoIds = (await pools.afiliados.query<{ id: string }>('SELECT id FROM afiliados ORDER BY id LIMIT 5')).rows.map((row) => row.id);
  const campanaIds = (await pools.marketing.query<{ id: string }>('SELECT id FROM campanas ORDER BY id LIMIT 12')).rows.map((row) => row.id);
  const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      'afiliados page (findMany take 6)',
      () => prisma.afiliados.afiliado.findMany({ where: {}, orderBy: { id: 'asc' }, take: 6 }),
      () =>
        pools.afiliados.query(
          'SELECT id, nombre, email, telefono, tipo_afiliacion, comision_base, estado, creado_en, actualizado_en FROM afiliados ORDER BY id LIMIT 6',
        ),
    ],
    ['afiliados count', () => prisma.afiliados.afiliado.count({ where: {} }), () => pools.afiliados.query('SELECT count(*) FROM afiliados')],
    [
      'conversiones page per afiliado ($queryRaw, LATERAL)',
      () => prisma.conversiones.$queryRawUnsafe(CONVERSIONES_PAGE, afiliadoIds),
      () => pools.conversiones.query(CONVERSIONES_PAGE, [afiliadoIds]),
    ],
    [
      'comisiones page per afiliado ($queryRaw, LATERAL)',
      () => prisma.marketing.$queryRawUnsafe(COMISIONES_PAGE, afiliadoIds),
      () => pools.marketing.query(COMISIONES_PAGE, [afiliadoIds]),
    ],
    [
      'campanas by 12 ids (findMany in)',
      () => prisma.marketing.campana.findMany({ where: { id: { in: campanaIds } } }),
      () => pools.marketing.query('SELECT * FROM campanas WHERE id = ANY($1::uuid[])', [campanaIds]),
    ],
  ];
  console.log(
    `ORM overhead — ${availableParallelism()} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}; ${STATEMENTS} statements each, serial and ${CONCURRENCY} in flight`,
  );
  console.log(
    `${'statement'.padEnd(52)} ${'client'.padEnd(7)} ${'in flight'.padStart(9)} ${'µs/stmt'.padStart(8)} ${'node CPU µs'.padStart(12)} ${'PostgreSQL CPU µs'.padStart(18)}`,
  );
  for (const [title, viaPrisma, viaPg] of pairs) {
    for (const inFlight of [1, CONCURRENCY]) {
      for (const [client, run] of [
        ['Prisma', viaPrisma],
        ['pg', viaPg],
      ] as const) {
        await repeat(run, 200, inFlight); // warm-up
        const endWindow = startCpuWindow([cpuOfThisProcess('node'), cpuOfPostgres('PostgreSQL', stack.postgresPort)]);
        await repeat(run, STATEMENTS, inFlight);
        const window = endWindow();
        const micros = (seconds: number | undefined) => (seconds === undefined ? 'n/a' : ((seconds * 1e6) / STATEMENTS).toFixed(0));
        console.log(
          `${title.padEnd(52)} ${client.padEnd(7)} ${String(inFlight).padStart(9)} ${((window.wallSeconds * 1e6) / STATEMENTS).toFixed(0).padStart(8)} ` +
            `${micros(window.seconds.node).padStart(12)} ${micros(window.seconds.PostgreSQL).padStart(18)}`,
        );
      }
    }
  }
} finally {
  await Promise.all([...Object.values(prisma).map((client) => client.$disconnect()), ...Object.values(pools).map((pool) => pool.end())]);
  await stackProcess.stop();
}

async function repeat(run: () => Promise<unknown>, count: number, inFlight: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next++ < count) await run();
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}
