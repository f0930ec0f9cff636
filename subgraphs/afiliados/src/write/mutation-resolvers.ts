import { actualizarAfiliado } from '../actualizar-afiliado/actualizar-afiliado.resolver.js';
import { registrarAfiliado } from '../registrar-afiliado/registrar-afiliado.resolver.js';

/** Every afiliados mutation: validate, queue a command, answer ComandoAceptado. */
export const mutationResolvers = {
  Mutation: {
    registrarAfiliado,
    actualizarAfiliado,
  },
};
