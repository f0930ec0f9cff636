// npm run db:seed: loads the demo dataset into the three databases named by *_DATABASE_URL, when they are empty.
import { createAfiliadosPrisma } from '@alpes/afiliados-subgraph';
import { createConversionesPrisma } from '@alpes/conversiones-subgraph';
import { seedDemoData } from '@alpes/demo-data';
import { createMarketingPrisma } from '@alpes/marketing-subgraph';
import { env, loadConfig, z } from '@alpes/platform';

const config = (() => {
  try {
    return loadConfig(
      'db:seed',
      z.object({ AFILIADOS_DATABASE_URL: env.postgresUrl(), CONVERSIONES_DATABASE_URL: env.postgresUrl(), MARKETING_DATABASE_URL: env.postgresUrl() }),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error('(npm start seeds the embedded databases by itself.)');
    process.exit(1);
  }
})();

const clients = {
  afiliados: createAfiliadosPrisma(config.AFILIADOS_DATABASE_URL),
  conversiones: createConversionesPrisma(config.CONVERSIONES_DATABASE_URL),
  marketing: createMarketingPrisma(config.MARKETING_DATABASE_URL),
};
try {
  const summary = await seedDemoData(clients);
  console.log(
    summary.seeded
      ? `Seeded ${summary.afiliados} afiliados, ${summary.campanas} campañas, ${summary.conversiones} conversiones, ${summary.comisiones} comisiones`
      : `Databases already hold data (${summary.afiliados} afiliados); nothing seeded`,
  );
} finally {
  await Promise.all(Object.values(clients).map((client) => client.$disconnect()));
}
