import { registrarConversion } from '../registrar-conversion/registrar-conversion.resolver.js';

/** Every conversiones mutation: validate, queue a command, answer ComandoAceptado. */
export const mutationResolvers = {
  Mutation: {
    registrarConversion,
  },
};
