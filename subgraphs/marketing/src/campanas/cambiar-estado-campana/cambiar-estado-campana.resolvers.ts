import { parseId } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import type { MarketingContext } from '../../read/context.js';

/** activarCampana / pausarCampana / finalizarCampana: queue the state change; the worker checks the state machine. */
export const cambiarEstadoCampanaResolvers = {
  activarCampana: (_: unknown, args: { id: string }, { bus, identity }: MarketingContext) => {
    const campanaId = parseId(args.id, 'id');
    return sendCommand(bus, 'ActivarCampana', campanaId, { campanaId }, identity);
  },
  pausarCampana: (_: unknown, args: { id: string }, { bus, identity }: MarketingContext) => {
    const campanaId = parseId(args.id, 'id');
    return sendCommand(bus, 'PausarCampana', campanaId, { campanaId }, identity);
  },
  finalizarCampana: (_: unknown, args: { id: string }, { bus, identity }: MarketingContext) => {
    const campanaId = parseId(args.id, 'id');
    return sendCommand(bus, 'FinalizarCampana', campanaId, { campanaId }, identity);
  },
};
