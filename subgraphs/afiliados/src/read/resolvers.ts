import { parseId, referenceId, parsePage, scalarResolvers, type GraphQLResolverMap, type PageArgs } from '@alpes/platform';
import type { AfiliadosContext } from './context.js';
import { listAfiliados, type FiltroAfiliados } from './afiliados-listing.js';

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    afiliado: (_: unknown, args: { id: string }, { loaders }: AfiliadosContext) =>
      loaders.afiliadoById.load(parseId(args.id, 'id')),
    afiliados: (_: unknown, args: PageArgs & { filtro?: FiltroAfiliados | null }, { prisma }: AfiliadosContext) =>
      listAfiliados(prisma, parsePage(args), args.filtro),
  },
  Afiliado: {
    __resolveReference: (reference: { id: string }, { loaders }: AfiliadosContext) => {
      const id = referenceId(reference);
      return id ? loaders.afiliadoById.load(id) : null;
    },
  },
} satisfies GraphQLResolverMap<AfiliadosContext>;
