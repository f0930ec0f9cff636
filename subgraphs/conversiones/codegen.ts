// npm run codegen: src/resolver-types.generated.ts from schema.graphql (see ../resolver-codegen.ts).
import { subgraphCodegen } from '../resolver-codegen.js';

const prisma = './generated/prisma/client.js';

export default subgraphCodegen({
  dir: new URL('.', import.meta.url).pathname,
  contextType: './read/context.js#ConversionesContext',
  mappers: {
    Conversion: `${prisma}#Conversion`,
    // Entities of other subgraphs: conversiones resolves their fields from the id alone.
    Afiliado: '{ id: string }',
    Campana: '{ id: string }',
    ConversionConnection: `import('@alpes/platform').Connection<import('${prisma}').Conversion>`,
    ComandoAceptado: '@alpes/service-kit#ComandoAceptado',
  },
});
