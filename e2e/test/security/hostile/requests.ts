// Hostile HTTP requests: each generated case is one request to POST/GET /graphql, labelled with its kind.
import fc from 'fast-check';
import { json, type RawRequest } from './http.js';
import { SQL_STRINGS, deeplyNestedJson, forgedCursor, hostileStrings, jsonWithPrototypeKeys } from './hostile-values.js';
import { hostileInt, type IdPool } from './operations.js';

export interface HostileCase {
  kind: string;
  request: RawRequest;
  /** The request carries a mutation: it must publish exactly one command per ComandoAceptado it answers. */
  mutation: boolean;
}

const ONE_MB = 1024 * 1024;

const LIST_QUERY =
  'query Lista($first: Int, $after: String, $filtro: FiltroAfiliados) { afiliados(first: $first, after: $after, filtro: $filtro) { totalCount nodes { id nombre } pageInfo { endCursor hasNextPage } } }';
const CONVERSIONES_QUERY =
  'query C($first: Int, $after: String, $afiliadoId: ID, $desde: DateTime) { conversiones(first: $first, after: $after, afiliadoId: $afiliadoId, desde: $desde) { totalCount nodes { id valor metadata } } }';
const REGISTRAR_CONVERSION = 'mutation R($input: RegistrarConversionInput!) { registrarConversion(input: $input) { correlationId id } }';
const REGISTRAR_AFILIADO = 'mutation A($input: RegistrarAfiliadoInput!) { registrarAfiliado(input: $input) { correlationId id } }';
const CREAR_CAMPANA =
  'mutation { crearCampana(input: { nombre: "get", fechaInicio: "2026-01-01", fechaFin: "2026-12-31", presupuesto: "10.00", metaConversiones: 1, tipo: DIGITAL, porcentajeComision: "5" }) { id } }';

/** Any JSON value, including the wrong type for a variable. */
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(1.5, -1, 1e308, '10', true, [], {}, [1], null, 'x'.repeat(300)));

export function hostileCase(authorization: string, pool: IdPool): fc.Arbitrary<HostileCase> {
  const post = (kind: string, body: string | Buffer, mutation = false, headers: Record<string, string> = {}): HostileCase => ({
    kind,
    request: { method: 'POST', headers: json(authorization, headers), body },
    mutation,
  });
  const graphql = (query: string, variables?: unknown, operationName?: string) =>
    JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...(operationName ? { operationName } : {}) });
  const someId = fc.constantFrom(...pool.ids);

  const malformedJson = fc
    .oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        '{',
        '{"query": ',
        '{"query": "{ __typename }"',
        "{'query': '{ __typename }'}",
        'null',
        '""',
        '42',
        'true',
        '{"query": "{ __typename }"}}',
        '\u0000',
        '{"query": "{ __typename }", "variables": {,}}',
        '[',
        '{"query": {"$ne": 1}}',
      ),
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value).slice(0, -1)),
    )
    .map((body) => post('malformed JSON', body));

  const wrongVariableTypes = fc
    .record({
      first: anyJson,
      after: anyJson,
      filtro: anyJson,
      query: fc.constantFrom(LIST_QUERY, CONVERSIONES_QUERY),
      extra: fc.option(anyJson, { nil: undefined }),
    })
    .map(({ first, after, filtro, query, extra }) =>
      post('wrong variable types', graphql(query, { first, after, filtro, afiliadoId: extra ?? filtro, desde: extra ?? after })),
    );

  const hugeStrings = fc
    .record({ size: fc.constantFrom(ONE_MB - 1024, ONE_MB, ONE_MB + 1), where: fc.constantFrom('busqueda', 'after', 'query', 'nombre') })
    .map(({ size, where }) => {
      const big = 'x'.repeat(size);
      if (where === 'query') return post('1 MB string', JSON.stringify({ query: `{ __typename } # ${big}` }));
      if (where === 'nombre')
        return post(
          '1 MB string',
          graphql(REGISTRAR_AFILIADO, { input: { nombre: big, email: 'big@example.com', tipoAfiliacion: 'STANDARD', comisionBase: '5' } }),
          true,
        );
      return post('1 MB string', graphql(LIST_QUERY, where === 'after' ? { after: big } : { filtro: { busqueda: big } }));
    });

  const nulAndInvalidUtf8 = fc
    .record({
      text: hostileStrings(),
      bytes: fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x00]),
      where: fc.constantFrom('busqueda', 'query', 'nombre'),
    })
    .map(({ text, bytes, where }) => {
      const marker = 'MARKER';
      const bodyText =
        where === 'query'
          ? JSON.stringify({ query: `{ afiliados(first: 1, filtro: { busqueda: "${marker}" }) { totalCount } }` })
          : where === 'nombre'
            ? graphql(REGISTRAR_AFILIADO, { input: { nombre: `${text}${marker}`, email: 'nul@example.com', tipoAfiliacion: 'STANDARD', comisionBase: '5' } })
            : graphql(LIST_QUERY, { first: 1, filtro: { busqueda: `${text}${marker}` } });
      const [before, after] = bodyText.split(marker) as [string, string];
      return post('NUL bytes and invalid UTF-8', Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]), where === 'nombre');
    });

  const sqlInFilters = fc
    .record({ sql: fc.oneof(fc.constantFrom(...SQL_STRINGS), hostileStrings()), where: fc.constantFrom('busqueda', 'after', 'afiliadoId', 'desde') })
    .map(({ sql, where }) =>
      where === 'busqueda'
        ? post('SQL in filters', graphql(LIST_QUERY, { first: 3, filtro: { busqueda: sql } }))
        : post('SQL in filters', graphql(CONVERSIONES_QUERY, { first: 3, [where]: sql })),
    );

  const oddFirst = fc
    .oneof(hostileInt(), fc.constantFrom(-1, -0, 0.5, 1.5, 100.0001, 2 ** 31, 2 ** 53, 1e308, -1e308, Number.MIN_VALUE))
    .chain((first) =>
      fc.constantFrom(
        post('negative, huge, fractional first', graphql(LIST_QUERY, { first })),
        post('negative, huge, fractional first', JSON.stringify({ query: `{ afiliados(first: ${first}) { totalCount } }` })),
      ),
    );

  const forgedCursors = forgedCursor(pool).map((after) => post('forged cursors', graphql(LIST_QUERY, { first: 2, after })));

  const prototypeMetadata = fc
    .record({ metadata: jsonWithPrototypeKeys(), afiliadoId: someId, campanaId: someId, valor: fc.constantFrom('10.00', '-1', 'x') })
    .map(({ metadata, afiliadoId, campanaId, valor }) =>
      // the body is written as text: JSON.stringify keeps an own "__proto__" key as it is
      post(
        '__proto__ and constructor in metadata',
        graphql(REGISTRAR_CONVERSION, { input: { afiliadoId, campanaId, valor, moneda: 'USD', tipo: 'VENTA', metadata } }),
        true,
      ),
    );

  const deepVariables = fc
    .record({ shape: fc.constantFrom<'array' | 'object'>('array', 'object'), where: fc.constantFrom('metadata', 'filtro', 'first', 'variables') })
    .map(({ shape, where }) => {
      const deep = deeplyNestedJson(10_000, shape);
      if (where === 'metadata') {
        const body = graphql(REGISTRAR_CONVERSION, {
          input: { afiliadoId: pool.ids[0], campanaId: pool.ids[0], valor: '1.00', moneda: 'USD', tipo: 'VENTA', metadata: 'DEEP' },
        });
        return post('variables nested 10,000 levels', body.replace('"DEEP"', deep), true);
      }
      if (where === 'variables') return post('variables nested 10,000 levels', `{"query": ${JSON.stringify(LIST_QUERY)}, "variables": ${deep}}`);
      return post('variables nested 10,000 levels', graphql(LIST_QUERY, { [where]: 'DEEP' }).replace('"DEEP"', deep));
    });

  const severalOperations = fc
    .record({ operationName: fc.option(fc.constantFrom('Tercera', '', 'A', '__proto__'), { nil: undefined }), withMutation: fc.boolean() })
    .map(({ operationName, withMutation }) => {
      const query = `query A { __typename } query B { afiliados(first: 1) { totalCount } }${withMutation ? ` ${CREAR_CAMPANA.replace('mutation', 'mutation M')}` : ''}`;
      return post(
        'several operations without operationName',
        graphql(query, undefined, operationName && operationName !== 'A' ? operationName : undefined),
        withMutation,
      );
    });

  const mutationsByGet = fc
    .record({
      headers: fc.constantFrom<Record<string, string>>(
        {},
        { 'apollo-require-preflight': 'true' },
        { 'content-type': 'application/json' },
        { 'x-apollo-operation-name': 'M' },
      ),
      named: fc.boolean(),
    })
    .map(({ headers, named }) => ({
      kind: 'mutations sent by GET',
      request: {
        method: 'GET' as const,
        headers: { authorization, ...headers },
        search: { query: named ? CREAR_CAMPANA.replace('mutation', 'mutation M') : CREAR_CAMPANA, ...(named ? { operationName: 'M' } : {}) },
      },
      mutation: true,
    }));

  const batches = fc
    .oneof(
      fc.constant('[]'),
      fc
        .integer({ min: 1, max: 50 })
        .map((count) => JSON.stringify(Array.from({ length: count }, () => ({ query: '{ afiliados(first: 1) { totalCount } }' })))),
      fc.constant(JSON.stringify([{ query: CREAR_CAMPANA }, { query: CREAR_CAMPANA }])),
      fc.constant('[[{"query": "{ __typename }"}]]'),
      fc.constant('[null, 1, "x"]'),
    )
    .map((body) => post('batch arrays', body, body.includes('crearCampana')));

  const notGraphQL = fc
    .oneof(
      fc.constant({ 'content-type': 'text/plain' }),
      fc.constant({ 'content-type': 'application/x-www-form-urlencoded' }),
      fc.constant({ 'content-type': 'application/json; charset=latin1' }),
      fc.constant({ 'content-type': 'multipart/form-data; boundary=x' }),
    )
    .chain((headers) =>
      fc.constantFrom(
        post('odd content types and shapes', 'query={ __typename }', false, headers),
        post('odd content types and shapes', JSON.stringify({ query: '{ __typename }' }), false, headers),
        post('odd content types and shapes', JSON.stringify({ query: 42 })),
        post('odd content types and shapes', JSON.stringify({ query: '{ __typename }', variables: '{"first": 1}' })),
        post(
          'odd content types and shapes',
          JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x'.repeat(64) } } }),
        ),
        post('odd content types and shapes', JSON.stringify({ query: '{ __typename }', operationName: { $ne: null } })),
      ),
    );

  return fc.oneof(
    malformedJson,
    wrongVariableTypes,
    hugeStrings,
    nulAndInvalidUtf8,
    sqlInFilters,
    oddFirst,
    forgedCursors,
    prototypeMetadata,
    deepVariables,
    severalOperations,
    mutationsByGet,
    batches,
    notGraphQL,
  );
}
