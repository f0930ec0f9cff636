// GraphQL Code Generator's typescript-resolvers, one config for every subgraph: the resolver types are derived from
// the subgraph's schema.graphql (the contract), so a resolver that drifts from the SDL fails the typecheck.
// Output: <subgraph>/src/resolver-types.generated.ts, committed; `npm run codegen:check` fails when it is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

export interface SubgraphCodegenOptions {
  /** The subgraph's folder (new URL('.', import.meta.url).pathname of its codegen.ts). */
  dir: string;
  /** The resolver context, relative to the generated file: './read/context.js#MarketingContext'. */
  contextType: string;
  /** GraphQL type → the model a resolver returns for it (its parent in the type's field resolvers). */
  mappers: Record<string, string>;
}

export function subgraphCodegen({ dir, contextType, mappers }: SubgraphCodegenOptions): CodegenConfig {
  // CODEGEN_OUT lets codegen:check write a fresh copy elsewhere and compare.
  const out = process.env.CODEGEN_OUT ?? `${dir}src/resolver-types.generated.ts`;
  return {
    schema: `${dir}schema.graphql`,
    emitLegacyCommonJSImports: false,
    silent: true,
    generates: {
      [out]: {
        plugins: [
          { add: { content: '// Generated from schema.graphql by `npm run codegen`: do not edit.\n/* eslint-disable */' } },
          'typescript',
          'typescript-resolvers',
        ],
        config: {
          federation: true,
          // the models are imported as CampanaModel, …: the generated GraphQL types keep the plain names
          mapperTypeSuffix: 'Model',
          useTypeImports: true,
          enumsAsTypes: true,
          contextType,
          mappers,
          // Inputs arrive parsed by the platform's scalars (Decimal → decimal.js, Date/DateTime → Date); outputs may be
          // what the database hands back (Prisma's Decimal, Date) or already-serialised strings.
          scalars: {
            Decimal: { input: "import('decimal.js').Decimal", output: 'string | { toFixed(decimalPlaces: number): string }' },
            Date: { input: 'Date', output: 'Date | string' },
            DateTime: { input: 'Date', output: 'Date | string' },
            JSON: { input: 'unknown', output: 'unknown' },
          },
          avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
          maybeValue: 'T | null',
          inputMaybeValue: 'T | null | undefined',
        },
      },
    },
  };
}
