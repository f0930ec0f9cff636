import { entityStub, parseId, referenceId, parseOptionalId, parsePage, scalarResolvers, toConnection, type GraphQLResolverMap, type PageArgs } from '@alpes/platform';
import type { Campana, Comision, EstadoCampana, EstadoComision } from '../generated/prisma/client.js';
import type { MarketingContext } from './context.js';
import { ESTADOS_PENDIENTES, listCampanas, listComisiones } from './marketing-listings.js';

interface ComisionesArgs extends PageArgs {
  estado?: EstadoComision | null;
  afiliadoId?: string | null;
  campanaId?: string | null;
}

const reference = <Typename extends string>(__typename: Typename, id: string) => ({ __typename, id });

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    campana: (_: unknown, args: { id: string }, { loaders }: MarketingContext) => loaders.campana(parseId(args.id, 'id')),
    campanas: (_: unknown, args: PageArgs & { estado?: EstadoCampana | null }, { prisma }: MarketingContext) =>
      listCampanas(prisma, parsePage(args), args.estado ?? undefined),
    comision: (_: unknown, args: { id: string }, { loaders }: MarketingContext) => loaders.comision(parseId(args.id, 'id')),
    comisiones: (_: unknown, args: ComisionesArgs, { prisma }: MarketingContext) =>
      listComisiones(prisma, parsePage(args), {
        ...(args.estado ? { estados: [args.estado] } : {}),
        afiliadoId: parseOptionalId(args.afiliadoId, 'afiliadoId'),
        campanaId: parseOptionalId(args.campanaId, 'campanaId'),
      }),
    comisionesPendientes: (_: unknown, args: PageArgs, { prisma }: MarketingContext) =>
      listComisiones(prisma, parsePage(args), { estados: ESTADOS_PENDIENTES }),
  },
  Campana: {
    __resolveReference: (ref: { id: string }, { loaders }: MarketingContext) => {
      const id = referenceId(ref);
      return id ? loaders.campana(id) : null;
    },
    afiliados: async (campana: Campana, _: unknown, { loaders }: MarketingContext) =>
      (await loaders.afiliadoIdsOfCampana(campana.id)).map((id) => reference('Afiliado', id)),
  },
  Comision: {
    __resolveReference: (ref: { id: string }, { loaders }: MarketingContext) => {
      const id = referenceId(ref);
      return id ? loaders.comision(id) : null;
    },
    conversion: (comision: Comision) => reference('Conversion', comision.conversionId),
    afiliado: (comision: Comision) => reference('Afiliado', comision.afiliadoId),
    campana: (comision: Comision, _: unknown, { loaders }: MarketingContext) => loaders.campana(comision.campanaId),
  },
  Afiliado: {
    __resolveReference: entityStub,
    comisiones: async (afiliado: { id: string }, args: PageArgs & { estado?: EstadoComision | null }, { loaders }: MarketingContext) => {
      const page = parsePage(args);
      const estado = args.estado ?? undefined;
      const { rows, totalCount } = await loaders.comisionesPageOf(afiliado.id, page, estado);
      return toConnection(rows, page, () => totalCount);
    },
    campanas: (afiliado: { id: string }, _: unknown, { loaders }: MarketingContext) => loaders.campanasOfAfiliado(afiliado.id),
  },
  Conversion: {
    __resolveReference: entityStub,
    comision: (conversion: { id: string }, _: unknown, { loaders }: MarketingContext) => loaders.comisionOfConversion(conversion.id),
  },
} satisfies GraphQLResolverMap<MarketingContext>;
