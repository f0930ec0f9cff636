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

/** Loads the demo dataset into the three databases when they are empty (each service's data into its own database). */
export async function seedDemoData(clients: ServiceClients, size: DemoSize = DEFAULT_DEMO_SIZE): Promise<SeedSummary> {
  if ((await clients.afiliados.afiliado.count()) > 0) {
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
  await clients.marketing.$transaction([
    clients.marketing.afiliadoProyeccion.createMany({
      data: data.afiliados.map(({ id, nombre, comisionBase, estado, creadoEn }) => ({ id, nombre, comisionBase, estado, actualizadoEn: creadoEn })),
    }),
    clients.marketing.campana.createMany({ data: data.campanas }),
    clients.marketing.campanaAfiliado.createMany({ data: data.asignaciones }),
    clients.marketing.comision.createMany({ data: data.comisiones.map((comision) => ({ ...comision })) }),
  ]);
  await clients.conversiones.conversion.createMany({ data: data.conversiones });
  return {
    seeded: true,
    afiliados: data.afiliados.length,
    campanas: data.campanas.length,
    conversiones: data.conversiones.length,
    comisiones: data.comisiones.length,
  };
}
