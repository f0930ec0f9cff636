import { parseId } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import type { MutationResolvers } from '../../resolver-types.generated.js';

/** activarCampana / pausarCampana / finalizarCampana: queue the state change; the worker checks the state machine. */
export const cambiarEstadoCampanaResolvers = {
  activarCampana: (_, args, { bus, identity }) => {
    const campanaId = parseId(args.id, 'id');
    return sendCommand(bus, 'ActivarCampana', campanaId, { campanaId }, identity);
  },
  pausarCampana: (_, args, { bus, identity }) => {
    const campanaId = parseId(args.id, 'id');
    return sendCommand(bus, 'PausarCampana', campanaId, { campanaId }, identity);
  },
  finalizarCampana: (_, args, { bus, identity }) => {
    const campanaId = parseId(args.id, 'id');
    return sendCommand(bus, 'FinalizarCampana', campanaId, { campanaId }, identity);
  },
} satisfies MutationResolvers;
