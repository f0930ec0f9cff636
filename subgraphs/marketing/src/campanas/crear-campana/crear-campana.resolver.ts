import type { Decimal } from 'decimal.js';
import { badUserInput, newId, parseField, parseId, parseText } from '@alpes/platform';
import { sendCommand } from '@alpes/transactional-messaging';
import { Dinero } from '../../domain/dinero.js';
import { Porcentaje } from '@alpes/contracts';
import { RangoFechas, toIsoDate } from '../../domain/rango-fechas.js';
import type { MarketingContext } from '../../read/context.js';

export interface CrearCampanaInput {
  nombre: string;
  descripcion?: string | null;
  fechaInicio: Date;
  fechaFin: Date;
  presupuesto: Decimal;
  metaConversiones: number;
  tipo: 'DIGITAL' | 'PROMOCIONAL' | 'FIDELIZACION' | 'ESTACIONAL';
  porcentajeComision: Decimal;
  tags?: string[] | null;
  afiliadoIds?: string[] | null;
}

const MAX_TAGS = 20;

/** crearCampana: validates every field, then queues CrearCampana. Invalid input is never queued. */
export async function crearCampana(_: unknown, { input }: { input: CrearCampanaInput }, { bus, identity }: MarketingContext) {
  const rango = parseField('input.fechaFin', () => RangoFechas.of(input.fechaInicio, input.fechaFin));
  const presupuesto = parseField('input.presupuesto', () => Dinero.of(input.presupuesto));
  const porcentaje = parseField('input.porcentajeComision', () => Porcentaje.of(input.porcentajeComision));
  if (!Number.isInteger(input.metaConversiones) || input.metaConversiones < 0) {
    throw badUserInput(`input.metaConversiones must be a whole number ≥ 0, got ${input.metaConversiones}`, 'input.metaConversiones');
  }
  const tags = [...new Set((input.tags ?? []).map((tag) => parseText(tag, 'input.tags', 50).toLowerCase()))];
  if (tags.length > MAX_TAGS) throw badUserInput(`input.tags holds at most ${MAX_TAGS} tags`, 'input.tags');
  const afiliadoIds = [...new Set((input.afiliadoIds ?? []).map((id) => parseId(id, 'input.afiliadoIds')))];
  const campanaId = newId();
  return sendCommand(bus, 'CrearCampana', campanaId, {
    campanaId,
    nombre: parseText(input.nombre, 'input.nombre'),
    descripcion: input.descripcion?.trim() || null,
    fechaInicio: toIsoDate(rango.inicio),
    fechaFin: toIsoDate(rango.fin),
    presupuesto: presupuesto.toString(),
    metaConversiones: input.metaConversiones,
    tipo: input.tipo,
    porcentajeComision: porcentaje.toString(),
    tags,
    afiliadoIds,
  }, identity);
}
