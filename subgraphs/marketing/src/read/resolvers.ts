import { entityStub, parseId, referenceId, parseOptionalId, parsePage, scalarResolvers, toConnection, type GraphQLResolverMap, type PageArgs } from '@alpes/platform';
import { rowVisible, withinRowScope } from '@alpes/security';
import type { Campana, Comision, EstadoCampana, EstadoComision } from '../generated/prisma/client.js';
import type { MarketingContext } from './context.js';
import { ESTADOS_PENDIENTES, listCampanas, listComisiones, type FiltroComisiones } from './marketing-listings.js';
import { campanaIdsVisibles, campanaVisible, comisionVisible } from './visibilidad.js';

interface ComisionesArgs extends PageArgs {
  estado?: EstadoComision | null;
  afiliadoId?: string | null;
  campanaId?: string | null;
}

const reference = <Typename extends string>(__typename: Typename, id: string) => ({ __typename, id });

/** A list of commissions within what the identity sees (an empty page when nothing can match). */
function comisionesVisibles(args: PageArgs, filtro: FiltroComisiones, { prisma, visibles }: MarketingContext) {
  const page = parsePage(args);
  const visible = withinRowScope(filtro, visibles.comisiones);
  return visible ? listComisiones(prisma, page, visible) : toConnection([], page, () => 0);
}

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    campana: async (_: unknown, args: { id: string }, context: MarketingContext) => campanaVisible(await context.loaders.campana(parseId(args.id, 'id')), context),
    campanas: async (_: unknown, args: PageArgs & { estado?: EstadoCampana | null }, context: MarketingContext) =>
      listCampanas(context.prisma, parsePage(args), args.estado ?? undefined, await campanaIdsVisibles(context)),
    comision: async (_: unknown, args: { id: string }, context: MarketingContext) => comisionVisible(await context.loaders.comision(parseId(args.id, 'id')), context),
    comisiones: (_: unknown, args: ComisionesArgs, context: MarketingContext) =>
      comisionesVisibles(args, {
        ...(args.estado ? { estados: [args.estado] } : {}),
        afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'),
        campanaId: parseOptionalId(args.campanaId, 'campanaId'),
      }, context),
    comisionesPendientes: (_: unknown, args: PageArgs, context: MarketingContext) => comisionesVisibles(args, { estados: ESTADOS_PENDIENTES }, context),
  },
  Campana: {
    __resolveReference: async (ref: { id: string }, context: MarketingContext) => {
      const id = referenceId(ref);
      return id ? campanaVisible(await context.loaders.campana(id), context) : null;
    },
    afiliados: async (campana: Campana, _: unknown, { loaders }: MarketingContext) =>
      (await loaders.afiliadoIdsOfCampana(campana.id)).map((id) => reference('Afiliado', id)),
    historial: (campana: Campana, _: unknown, { loaders }: MarketingContext) => loaders.historialDeCampana(campana.id),
  },
  Comision: {
    __resolveReference: async (ref: { id: string }, context: MarketingContext) => {
      const id = referenceId(ref);
      return id ? comisionVisible(await context.loaders.comision(id), context) : null;
    },
    conversion: (comision: Comision) => reference('Conversion', comision.conversionId),
    afiliado: (comision: Comision) => reference('Afiliado', comision.afiliadoId),
    campana: (comision: Comision, _: unknown, { loaders }: MarketingContext) => loaders.campana(comision.campanaId),
    historial: (comision: Comision, _: unknown, { loaders }: MarketingContext) => loaders.historialDeComision(comision.id),
  },
  Afiliado: {
    __resolveReference: entityStub,
    comisiones: async (afiliado: { id: string }, args: PageArgs & { estado?: EstadoComision | null }, { loaders, visibles }: MarketingContext) => {
      const page = parsePage(args);
      if (!rowVisible(visibles.comisiones, afiliado.id)) return toConnection([], page, () => 0);
      const { rows, totalCount } = await loaders.comisionesPageOf(afiliado.id, page, args.estado ?? undefined);
      return toConnection(rows, page, () => totalCount);
    },
    campanas: (afiliado: { id: string }, _: unknown, { loaders, visibles }: MarketingContext) =>
      rowVisible(visibles.campanas, afiliado.id) ? loaders.campanasOfAfiliado(afiliado.id) : [],
  },
  Conversion: {
    __resolveReference: entityStub,
    comision: async (conversion: { id: string }, _: unknown, context: MarketingContext) => comisionVisible(await context.loaders.comisionOfConversion(conversion.id), context),
  },
} satisfies GraphQLResolverMap<MarketingContext>;
