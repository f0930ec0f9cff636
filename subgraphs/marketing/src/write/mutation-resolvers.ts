import { asignarAfiliado } from '../campanas/asignar-afiliado/asignar-afiliado.resolver.js';
import { cambiarEstadoCampanaResolvers } from '../campanas/cambiar-estado-campana/cambiar-estado-campana.resolvers.js';
import { crearCampana } from '../campanas/crear-campana/crear-campana.resolver.js';
import { cambiarEstadoComisionResolvers } from '../comisiones/cambiar-estado-comision/cambiar-estado-comision.resolvers.js';
import type { MutationResolvers, Resolvers } from '../resolver-types.generated.js';

/** Every marketing mutation (each one in schema.graphql, or the typecheck fails): validate, queue a command, answer ComandoAceptado. */
export const mutationResolvers = {
  Mutation: {
    crearCampana,
    ...cambiarEstadoCampanaResolvers,
    asignarAfiliado,
    ...cambiarEstadoComisionResolvers,
  } satisfies Required<MutationResolvers>,
} satisfies Resolvers;
