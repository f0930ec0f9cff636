// npm run codegen: src/resolver-types.generated.ts from schema.graphql (see ../resolver-codegen.ts).
import { subgraphCodegen } from '../resolver-codegen.js';

const prisma = './generated/prisma/client.js';

export default subgraphCodegen({
  dir: new URL('.', import.meta.url).pathname,
  contextType: './read/context.js#MarketingContext',
  mappers: {
    Campana: `${prisma}#Campana`,
    Comision: `${prisma}#Comision`,
    CambioEstadoCampana: `${prisma}#CampanaHistorial`,
    CambioEstadoComision: `${prisma}#ComisionHistorial`,
    // Entities of other subgraphs: marketing resolves their fields from the id alone.
    Afiliado: '{ id: string }',
    Conversion: '{ id: string }',
    CampanaConnection: `import('@alpes/platform').Connection<import('${prisma}').Campana>`,
    ComisionConnection: `import('@alpes/platform').Connection<import('${prisma}').Comision>`,
    ComandoAceptado: '@alpes/service-kit#ComandoAceptado',
  },
});
