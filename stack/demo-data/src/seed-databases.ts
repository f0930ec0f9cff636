import type { AfiliadosPrisma } from '@alpes/afiliados-subgraph';
import type { ConversionesPrisma } from '@alpes/conversiones-subgraph';
import type { MarketingPrisma } from '@alpes/marketing-subgraph';
import { buildDemoDataset, DEFAULT_DEMO_SIZE, type DemoSize } from './demo-dataset.js';

export interface ServiceClients {
  afiliados: AfiliadosPrisma;
  conversiones: ConversionesPrisma;
  marketing: MarketingPrisma;
}

export interface SeedSummary {
  seeded: boolean;
  afiliados: number;
  campanas: number;
  conversiones: number;
  comisiones: number;
}

const SEED_TRANSACTION_TIMEOUT_MS = 120_000;

/** Loads the demo dataset into the three databases when they are empty (each service's data into its own database). */
export async function seedDemoData(clients: ServiceClients, size: DemoSize = DEFAULT_DEMO_SIZE): Promise<SeedSummary> {
  if ((await clients.afiliados.afiliado.count()) > 0) {
    await backfillCampanasProyeccion(clients);
    return {
      seeded: false,
      afiliados: await clients.afiliados.afiliado.count(),
      campanas: await clients.marketing.campana.count(),
      conversiones: await clients.conversiones.conversion.count(),
      comisiones: await clients.marketing.comision.count(),
    };
  }
  const data = buildDemoDataset(size);
  await clients.afiliados.afiliado.createMany({ data: data.afiliados });
  // One transaction, so a start that dies midway leaves the marketing database empty and the next start seeds it again.
  // Prisma's 5 s default fails a first start on a busy machine; seeding is a one-off, so it may take its time.
  await clients.marketing.$transaction(
    [
      clients.marketing.afiliadoProyeccion.createMany({
        data: data.afiliados.map(({ id, nombre, comisionBase, estado, creadoEn }) => ({ id, nombre, comisionBase, estado, actualizadoEn: creadoEn })),
      }),
      clients.marketing.campana.createMany({ data: data.campanas }),
      clients.marketing.campanaAfiliado.createMany({ data: data.asignaciones }),
      clients.marketing.comision.createMany({ data: data.comisiones.map((comision) => ({ ...comision })) }),
    ],
    { maxWait: SEED_TRANSACTION_TIMEOUT_MS, timeout: SEED_TRANSACTION_TIMEOUT_MS },
  );
  // the campaigns' names as conversiones' projection would have them from CampanaCreada, with the conversions
  await clients.conversiones.$transaction(
    [
      clients.conversiones.campanaProyeccion.createMany({ data: data.campanas.map(comoProyeccion) }),
      clients.conversiones.conversion.createMany({ data: data.conversiones }),
    ],
    { maxWait: SEED_TRANSACTION_TIMEOUT_MS, timeout: SEED_TRANSACTION_TIMEOUT_MS },
  );
  await settleAfterBulkLoad(clients);
  return {
    seeded: true,
    afiliados: data.afiliados.length,
    campanas: data.campanas.length,
    conversiones: data.conversiones.length,
    comisiones: data.comisiones.length,
  };
}

/**
 * Demo data seeded before conversiones had its campaign projection: no CampanaCreada was ever published for it, so the
 * projection is filled once from marketing's campaigns (a deployment's own backfill is its replay of marketing.eventos
 * from the earliest message, where the projection's subscription starts).
 */
async function backfillCampanasProyeccion(clients: ServiceClients): Promise<void> {
  if ((await clients.conversiones.campanaProyeccion.count()) > 0) return;
  const campanas = await clients.marketing.campana.findMany({ select: { id: true, nombre: true, creadaEn: true } });
  await clients.conversiones.campanaProyeccion.createMany({ data: campanas.map(comoProyeccion), skipDuplicates: true });
}

/** A campaign as conversiones' projection holds it after its CampanaCreada. */
const comoProyeccion = ({ id, nombre, creadaEn }: { id: string; nombre: string; creadaEn: Date }) => ({ id, nombre, actualizadoEn: creadaEn });

/**
 * VACUUM (ANALYZE) each database once its bulk load is in, as PostgreSQL's "Populating a Database" advises: statistics
 * for the planner, and a visibility map, so that a page's count(*) per parent is an index-only scan (a few index pages)
 * instead of a heap page per row. Autovacuum would do the same one or two minutes later, in the middle of whatever was
 * measured or tested first. VACUUM runs outside a transaction: each call is a statement of its own.
 */
async function settleAfterBulkLoad(clients: ServiceClients): Promise<void> {
  await Promise.all(Object.values(clients).map((client: ServiceClients[keyof ServiceClients]) => client.$executeRawUnsafe('VACUUM (ANALYZE)')));
}
