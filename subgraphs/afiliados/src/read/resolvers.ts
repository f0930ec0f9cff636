import { parseId, referenceId, parsePage, scalarResolvers, type GraphQLResolverMap, type PageArgs } from '@alpes/platform';
import { rowScope, rowVisible, SCOPES, type Identity } from '@alpes/security';
import type { AfiliadosContext } from './context.js';
import { listAfiliados, type FiltroAfiliados } from './afiliados-listing.js';

/** Affiliates this identity may see: all with afiliados:read, only itself for an affiliate user. */
const visibles = (identity: Identity) => rowScope(identity, SCOPES.afiliadosRead);

export const readResolvers = {
  ...scalarResolvers,
  Query: {
    afiliado: (_: unknown, args: { id: string }, { loaders, identity }: AfiliadosContext) => {
      const id = parseId(args.id, 'id');
      return rowVisible(visibles(identity), id) ? loaders.afiliadoById.load(id) : null; // another's id: as if it did not exist
    },
    afiliados: (_: unknown, args: PageArgs & { filtro?: FiltroAfiliados | null }, { prisma, identity }: AfiliadosContext) =>
      listAfiliados(prisma, parsePage(args), args.filtro, visibles(identity)),
  },
  Afiliado: {
    __resolveReference: (reference: { id: string }, { loaders, identity }: AfiliadosContext) => {
      const id = referenceId(reference);
      return id && rowVisible(visibles(identity), id) ? loaders.afiliadoById.load(id) : null;
    },
  },
} satisfies GraphQLResolverMap<AfiliadosContext>;
