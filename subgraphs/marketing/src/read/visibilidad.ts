import { rowVisible } from '@alpes/security';
import type { Campana, Comision } from '../generated/prisma/client.js';
import type { MarketingContext } from './context.js';

/**
 * Row-level rules of marketing. A commission is visible to its own affiliate; a campaign to the affiliates assigned
 * to it, and to an affiliate with a commission in it (the campaign a commission belongs to is part of that
 * commission). Identities with campanas:read / comisiones:read see every row; anything else sees none. A row that is
 * not visible answers exactly as a missing one: null, absent from lists and counts.
 */
export function comisionVisible(comision: Comision | null, { visibles }: MarketingContext): Comision | null {
  return comision && rowVisible(visibles.comisiones, comision.afiliadoId) ? comision : null;
}

export async function campanaVisible(campana: Campana | null, context: MarketingContext): Promise<Campana | null> {
  if (!campana) return null;
  const visibles = await campanaIdsVisibles(context);
  return visibles === 'todas' || visibles.has(campana.id) ? campana : null;
}

/** 'todas', or the ids of the campaigns this identity may read (loaded once per request). */
export function campanaIdsVisibles({ visibles, loaders }: MarketingContext): Promise<'todas' | ReadonlySet<string>> {
  const scope = visibles.campanas;
  if (scope.kind === 'all') return Promise.resolve('todas');
  if (scope.kind === 'none') return Promise.resolve(new Set());
  return loaders.campanaIdsDeAfiliado(scope.afiliadoId);
}
