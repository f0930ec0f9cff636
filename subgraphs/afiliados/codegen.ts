// npm run codegen: src/resolver-types.generated.ts from schema.graphql (see ../resolver-codegen.ts).
import { subgraphCodegen } from '../resolver-codegen.js';

const prisma = './generated/prisma/client.js';

export default subgraphCodegen({
  dir: new URL('.', import.meta.url).pathname,
  contextType: './read/context.js#AfiliadosContext',
  mappers: {
    Afiliado: `${prisma}#Afiliado`,
    AfiliadoConnection: `import('@alpes/platform').Connection<import('${prisma}').Afiliado>`,
    ComandoAceptado: '@alpes/service-kit#ComandoAceptado',
  },
});
