import { getIntrospectionQuery, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeSubgraphFiles, defaultSubgraphEndpoints } from '../src/index.js';
import { readCostDirectives } from '../src/plugins/cost-directives.js';
import { countTokens, type OperationGuard } from '../src/plugins/operation-guard.js';
import { measureOperation } from '../src/plugins/operation-limits.js';
import { defaultGuard } from './support/default-guard.js';

export const ATTACK_QUERY =
  '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { comisiones(first: 100) { nodes { afiliado { nombre } } } } } } } } } } } }';
const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';

let schema: GraphQLSchema;
let guard: OperationGuard;

beforeAll(async () => {
  ({ schema, guard } = await defaultGuard());
});

const check = (query: string, variables?: Record<string, unknown>) => guard.check({ schema, document: parse(query), variables: variables ?? null });
const cost = (query: string, variables?: Record<string, unknown>) => guard.estimate({ schema, document: parse(query), variables: variables ?? null });

describe('static measures, fragments expanded', () => {
  it('counts depth as nested fields, through named and inline fragments', () => {
    expect(measureOperation(parse('{ afiliados { nodes { id } } }'))?.depth).toBe(3);
    const viaFragments = parse(
      'query { afiliados { ...Page } } fragment Page on AfiliadoConnection { nodes { ... on Afiliado { comisiones { nodes { id } } } } }',
    );
    expect(measureOperation(viaFragments)?.depth).toBe(5);
    expect(measureOperation(parse(ATTACK_QUERY))?.depth).toBe(12);
  });

  it('counts the aliases of a fragment at every spread, and root fields behind fragments', () => {
    const document = parse(
      'query { a: afiliados { ...N } b: afiliados { ...N } ...Root } fragment N on AfiliadoConnection { nodes { x: id y: id z: nombre } } fragment Root on Query { c: campanas { totalCount } comisiones { totalCount } }',
    );
    expect(measureOperation(document)).toEqual({ depth: 3, aliases: 2 + 3 * 2 + 1, rootFields: 4 });
  });

  it('measures a fragment bomb in linear time while its counts grow with the expansion', () => {
    const levels = 30; // 2^30 expanded fields: walked naively it would never finish
    const fragments = Array.from(
      { length: levels },
      (_, index) => `fragment F${index} on Query { ${index === levels - 1 ? 'x: __typename' : `...F${index + 1} ...F${index + 1}`} }`,
    );
    const started = performance.now();
    const measures = measureOperation(parse(`{ ...F0 } ${fragments.join(' ')}`));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(measures?.aliases).toBe(2 ** (levels - 1));
    expect(check(`{ ...F0 } ${fragments.join(' ')}`)?.extensions).toMatchObject({ code: 'MAX_ALIASES_LIMIT', aliases: 2 ** (levels - 1), maxAliases: 30 });
  });

  it("leaves introspection out (GraphiQL's own query is deeper than 10)", () => {
    expect(check(getIntrospectionQuery())).toBeUndefined();
  });
});

describe('the guard: code, measured value and limit', () => {
  it('rejects each static limit with its code', () => {
    expect(check(ATTACK_QUERY)?.extensions).toMatchObject({ code: 'MAX_DEPTH_LIMIT', depth: 12, maxDepth: 10 });
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: __typename`).join(' ');
    expect(check(`{ ${aliases} }`)?.extensions).toMatchObject({ code: 'MAX_ALIASES_LIMIT', aliases: 31, maxAliases: 30 });
    const roots = Array.from({ length: 11 }, () => 'afiliados { totalCount }')
      .map((field, index) => `r${index}: ${field}`)
      .join(' ');
    expect(check(`{ ${roots} }`)?.extensions).toMatchObject({ code: 'MAX_ROOT_FIELDS_LIMIT', rootFields: 11, maxRootFields: 10 });
    expect(check(README_QUERY)).toBeUndefined();
  });

  it('rejects an operation over the cost budget with COST_ESTIMATED_TOO_EXPENSIVE', () => {
    const shallowButWide = '{ afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { nombre } } } } } }';
    const rejection = check(shallowButWide);
    expect(rejection?.extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: cost(shallowButWide), maxCost: 5_000 });
    expect(rejection?.message).toMatch(/estimated too expensive: cost 20201, over the limit of 5000/);
  });
});

describe("cost estimate (Apollo demand control with the subgraphs' @cost and @listSize)", () => {
  it('reads @cost and @listSize from the composed supergraph', () => {
    const directives = readCostDirectives(composeSubgraphFiles(defaultSubgraphEndpoints()).supergraphSdl!);
    expect(directives.listSizes.get('Query.afiliados')).toEqual({ slicingArguments: ['first'], sizedFields: ['nodes'] });
    expect(directives.listSizes.get('Afiliado.comisiones')).toEqual({ slicingArguments: ['first'], sizedFields: ['nodes'] });
    expect(directives.fieldWeights.get('AfiliadoConnection.totalCount')).toBe(1);
    expect(directives.fieldWeights.get('Query.metricasConversiones')).toBe(10);
    expect(directives.listSizes.get('Campana.afiliados')).toEqual({ assumedSize: 100 });
  });

  it('costs 1 per object, multiplies lists by first, and a connection passes its size to nodes', () => {
    // connection 1 + totalCount 1 + 5 × (Afiliado 1 + conversiones (1 + 3 × (Conversion 1 + Campana 1)) + comisiones (1 + totalCount 1 + 3 × Comision 1))
    expect(cost(README_QUERY)).toBe(1 + 1 + 5 * (1 + (1 + 3 * 2) + (1 + 1 + 3)));
    expect(cost('{ afiliados { nodes { id } } }')).toBe(1 + 20); // the argument's default (first: Int = 20)
    expect(cost('query ($n: Int) { afiliados(first: $n) { nodes { id } } }', { n: 50 })).toBe(51);
    expect(cost('query ($n: Int = 7) { afiliados(first: $n) { nodes { id } } }')).toBe(8);
    expect(cost('{ campana(id: "x") { afiliados { id } } }')).toBe(1 + 100); // @listSize(assumedSize: 100)
    expect(cost('mutation { pausarCampana(id: "x") { correlationId } }')).toBe(10);
  });

  it('counts fragments where they are spread, inside connections too', () => {
    const inline = cost('{ afiliados(first: 10) { nodes { id comisiones(first: 4) { nodes { id } } } } }');
    expect(
      cost(
        '{ afiliados(first: 10) { ...Page } } fragment Page on AfiliadoConnection { nodes { ...A } } fragment A on Afiliado { id comisiones(first: 4) { nodes { id } } }',
      ),
    ).toBe(inline);
    expect(inline).toBe(1 + 10 * (1 + 1 + 4));
  });

  it("costs a subscription's selection the same way", () => {
    expect(
      cost('subscription { comisionCalculada { comision { afiliado { comisiones(first: 100) { nodes { campana { afiliados { id } } } } } } } }'),
    ).toBeGreaterThan(5_000);
  });
});

it("counts tokens as graphql-js's parser does", () => {
  const query = '{ afiliados(first: 5) { nodes { id } } } # a comment is not a token';
  expect(countTokens(query)).toBe(14);
  expect(() => parse(query, { maxTokens: 13 })).toThrow(/Document contains more (than|that) 13 tokens/);
  expect(() => parse(query, { maxTokens: 14 })).not.toThrow();
});
