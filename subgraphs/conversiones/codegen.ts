// npm run codegen: src/resolver-types.generated.ts from schema.graphql (see ../resolver-codegen.ts).
import { subgraphCodegen } from '../resolver-codegen.js';

const conversionLeida = './infrastructure/conversiones-per-parent.js#ConversionLeida';

export default subgraphCodegen({
  dir: new URL('.', import.meta.url).pathname,
  contextType: './read/context.js#ConversionesContext',
  mappers: {
    Conversion: conversionLeida,
    // Entities of other subgraphs: conversiones resolves their fields from the id alone (and a campaign's name,
    // provided on Conversion.campana, from its projection).
    Afiliado: '{ id: string }',
    Campana: '{ id: string; nombre?: string | null }',
    ConversionConnection: `import('@alpes/platform').Connection<import('./infrastructure/conversiones-per-parent.js').ConversionLeida>`,
    ComandoAceptado: '@alpes/service-kit#ComandoAceptado',
  },
});
