import { parseId, parseText } from '@alpes/platform';
import { sendCommand } from '@alpes/service-kit';
import type { MarketingContext } from '../../read/context.js';

/** aprobarComision / pagarComision / rechazarComision: queue the state change; the worker checks the state machine. */
export const cambiarEstadoComisionResolvers = {
  aprobarComision: (_: unknown, args: { id: string }, { bus, identity }: MarketingContext) => {
    const comisionId = parseId(args.id, 'id');
    return sendCommand(bus, 'AprobarComision', comisionId, { comisionId }, identity);
  },
  pagarComision: (_: unknown, args: { id: string }, { bus, identity }: MarketingContext) => {
    const comisionId = parseId(args.id, 'id');
    return sendCommand(bus, 'PagarComision', comisionId, { comisionId }, identity);
  },
  rechazarComision: (_: unknown, args: { id: string; motivo: string }, { bus, identity }: MarketingContext) => {
    const comisionId = parseId(args.id, 'id');
    return sendCommand(bus, 'RechazarComision', comisionId, { comisionId, motivo: parseText(args.motivo, 'motivo', 500) }, identity);
  },
};
