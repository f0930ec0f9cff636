import { actualizarAfiliado } from '../actualizar-afiliado/actualizar-afiliado.resolver.js';
import { registrarAfiliado } from '../registrar-afiliado/registrar-afiliado.resolver.js';
import type { MutationResolvers, Resolvers } from '../resolver-types.generated.js';

/** Every afiliados mutation (each one in schema.graphql, or the typecheck fails): validate, queue a command, answer ComandoAceptado. */
export const mutationResolvers = {
  Mutation: {
    registrarAfiliado,
    actualizarAfiliado,
  } satisfies Required<MutationResolvers>,
} satisfies Resolvers;
