import { registrarConversion } from '../registrar-conversion/registrar-conversion.resolver.js';
import type { MutationResolvers, Resolvers } from '../resolver-types.generated.js';

/** Every conversiones mutation (each one in schema.graphql, or the typecheck fails): validate, queue a command, answer ComandoAceptado. */
export const mutationResolvers = {
  Mutation: {
    registrarConversion,
  } satisfies Required<MutationResolvers>,
} satisfies Resolvers;
