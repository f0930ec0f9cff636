import { parseId, parseText } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import type { MutationResolvers } from '../../resolver-types.generated.js';

/** aprobarComision / pagarComision / rechazarComision: queue the state change; the worker checks the state machine. */
export const cambiarEstadoComisionResolvers = {
  aprobarComision: (_, args, { bus, identity }) => {
    const comisionId = parseId(args.id, 'id');
    return sendCommand(bus, 'AprobarComision', comisionId, { comisionId }, identity);
  },
  pagarComision: (_, args, { bus, identity }) => {
    const comisionId = parseId(args.id, 'id');
    return sendCommand(bus, 'PagarComision', comisionId, { comisionId }, identity);
  },
  rechazarComision: (_, args, { bus, identity }) => {
    const comisionId = parseId(args.id, 'id');
    return sendCommand(bus, 'RechazarComision', comisionId, { comisionId, motivo: parseText(args.motivo, 'motivo', 500) }, identity);
  },
} satisfies MutationResolvers;
