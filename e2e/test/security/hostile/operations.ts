// Random operations generated from the API schema: random root fields, selections (aliases, inline fragments,
// @include/@skip), and random arguments, mostly plausible and sometimes hostile (out-of-range ints, garbage ids and
// enum values, forged cursors, SQL, NUL bytes, odd decimals and dates, __proto__ keys in JSON).
import fc from 'fast-check';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  getNamedType,
  isLeafType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { hostileStrings, forgedCursor, jsonWithPrototypeKeys } from './hostile-values.js';

/** Real ids and cursors of the stack's data, so that generated operations reach rows as well as miss them. */
export interface IdPool {
  ids: string[];
  cursors: string[];
}

export type RootKind = 'query' | 'mutation' | 'subscription';

export interface OperationOptions {
  /** Nesting of object selections below the root field (default 3). */
  maxDepth?: number;
}

/** A GraphQL value literal, as text. */
type Literal = string;

export function operationArbitrary(schema: GraphQLSchema, kind: RootKind, pool: IdPool, options: OperationOptions = {}): fc.Arbitrary<string> {
  const root = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) throw new Error(`the schema has no ${kind} type`);
  const generator = new OperationGenerator(pool);
  const maxRootFields = kind === 'subscription' ? 1 : 3;
  return fc
    .tuple(generator.selectionSet(root, options.maxDepth ?? 3, maxRootFields), fc.option(fc.constantFrom('Hostil', 'op', 'Q'), { nil: undefined }))
    .map(([selection, name]) => `${kind}${name ? ` ${name}` : ''} { ${selection} }`);
}

class OperationGenerator {
  private readonly selections = new Map<string, fc.Arbitrary<string>>();

  constructor(private readonly pool: IdPool) {}

  selectionSet(type: GraphQLObjectType, depth: number, maxFields = 3): fc.Arbitrary<string> {
    const key = `${type.name}:${depth}:${maxFields}`;
    const known = this.selections.get(key);
    if (known) return known;
    const fields = Object.values(type.getFields()).filter((field) => depth > 0 || isLeafType(getNamedType(field.type)));
    const arbitrary =
      fields.length === 0
        ? fc.constant('__typename')
        : fc
            .subarray(fields, { minLength: 1, maxLength: Math.min(maxFields, fields.length) })
            .chain((chosen) => fc.tuple(...chosen.map((field) => this.field(field, depth))))
            .chain((parts) => this.wrap(type, parts.join(' ')));
    this.selections.set(key, arbitrary);
    return arbitrary;
  }

  /** Now and then an inline fragment, a directive or __typename around the selection. */
  private wrap(type: GraphQLObjectType, selection: string): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant(selection) },
      { weight: 1, arbitrary: fc.constant(`... on ${type.name} { ${selection} }`) },
      { weight: 1, arbitrary: fc.boolean().map((include) => `... @include(if: ${include}) { ${selection} } __typename`) },
    );
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
    const named = getNamedType(field.type);
    const sub = named instanceof GraphQLObjectType ? this.selectionSet(named, depth - 1).map((selection) => ` { ${selection} }`) : fc.constant('');
    const alias = fc.option(fc.constantFrom('a', 'b', 'x1', '_alias'), { nil: undefined, freq: 5 });
    return fc.tuple(alias, this.arguments(field.args), sub).map(([name, args, selection]) => `${name ? `${name}: ` : ''}${field.name}${args}${selection}`);
  }

  private arguments(args: readonly GraphQLArgument[]): fc.Arbitrary<string> {
    if (args.length === 0) return fc.constant('');
    // `first` is always given, and small: a default of 20 per level is the cost attack, tested by hand on its own.
    const parts = args.map((arg) => {
      const value = arg.name === 'first' ? firstLiteral() : this.value(arg.type);
      const given =
        arg.type instanceof GraphQLNonNull || arg.name === 'first'
          ? value.map((literal) => literal as Literal | undefined)
          : fc.option(value, { nil: undefined, freq: 2 });
      return given.map((literal) => (literal === undefined ? undefined : `${arg.name}: ${literal}`));
    });
    return fc.tuple(...parts).map((given) => {
      const present = given.filter((part): part is string => part !== undefined);
      return present.length === 0 ? '' : `(${present.join(', ')})`;
    });
  }

  value(type: GraphQLInputType, nesting = 0): fc.Arbitrary<Literal> {
    if (type instanceof GraphQLNonNull) return this.value(type.ofType, nesting);
    if (type instanceof GraphQLList) return fc.array(this.value(type.ofType, nesting + 1), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
    if (type instanceof GraphQLEnumType) {
      return fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...type.getValues().map((value) => value.name)) },
        { weight: 1, arbitrary: fc.constantFrom('NOPE', 'null', '"ACTIVO"') },
      );
    }
    if (type instanceof GraphQLInputObjectType) {
      if (nesting > 3) return fc.constant('{}');
      const fields = Object.values(type.getFields()).map((field) => {
        const value = this.value(field.type, nesting + 1);
        const given =
          field.type instanceof GraphQLNonNull ? value.map((literal) => literal as Literal | undefined) : fc.option(value, { nil: undefined, freq: 2 });
        return given.map((literal) => (literal === undefined ? undefined : `${field.name}: ${literal}`));
      });
      return fc.tuple(...fields).map((given) => `{ ${given.filter(Boolean).join(', ')} }`);
    }
    if (type instanceof GraphQLScalarType) return this.scalar(type.name);
    return fc.constant('null');
  }

  private scalar(name: string): fc.Arbitrary<Literal> {
    const quoted = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((text) => JSON.stringify(text));
    switch (name) {
      case 'ID':
        return fc.oneof(
          { weight: 4, arbitrary: quoted(fc.constantFrom(...this.pool.ids)) },
          { weight: 2, arbitrary: quoted(fc.uuid({ version: 7 })) },
          { weight: 1, arbitrary: quoted(forgedCursor(this.pool)) },
          { weight: 1, arbitrary: quoted(hostileStrings()) },
          { weight: 1, arbitrary: fc.integer().map(String) },
        );
      case 'String':
        return fc.oneof(
          { weight: 3, arbitrary: quoted(fc.string({ maxLength: 30 })) },
          { weight: 2, arbitrary: quoted(hostileStrings()) },
          { weight: 1, arbitrary: quoted(forgedCursor(this.pool)) },
        );
      case 'Int':
        return hostileInt().map(String);
      case 'Float':
        return fc.double({ noNaN: true }).map(String);
      case 'Boolean':
        return fc.boolean().map(String);
      case 'Decimal':
        return fc.oneof(
          {
            weight: 4,
            arbitrary: quoted(
              fc
                .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 99 }))
                .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`),
            ),
          },
          {
            weight: 2,
            arbitrary: quoted(fc.constantFrom('-1', '0', '1e400', 'NaN', 'Infinity', '0.001', '12,50', '', ' 5 ', '99999999999999999999999999999.99', '0x10')),
          },
          { weight: 1, arbitrary: fc.double().map((number) => (Number.isFinite(number) ? String(number) : '1.5')) },
        );
      case 'Date':
        return quoted(
          fc.oneof(
            fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2999-12-31') }).map((date) => date.toISOString().slice(0, 10)),
            fc.constantFrom('2026-02-30', '0000-00-00', '2026-13-01', 'ayer', ''),
          ),
        );
      case 'DateTime':
        return quoted(
          fc.oneof(
            fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2999-12-31') }).map((date) => date.toISOString()),
            fc.constantFrom('2026-02-30T00:00:00Z', 'now', '', '1e10', '2026-11-30T25:61:00Z'),
          ),
        );
      case 'JSON':
        return jsonWithPrototypeKeys().map(jsonLiteral);
      default:
        return quoted(fc.string({ maxLength: 10 }));
    }
  }
}

/** `first`: mostly a small page, sometimes negative, over 100, outside Int, or fractional (a validation error). */
function firstLiteral(): fc.Arbitrary<Literal> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 4 }).map(String) },
    {
      weight: 2,
      arbitrary: hostileInt()
        .filter((value) => value < 0 || value > 100)
        .map(String),
    },
    { weight: 1, arbitrary: fc.constantFrom('1.5', '-0.5', '1e3', '"10"', 'null') },
  );
}

export function hostileInt(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -2, max: 120 }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(-1, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e21) },
  );
}

/** A JSON value as a GraphQL literal (object keys must be GraphQL names, which __proto__ and constructor are). */
function jsonLiteral(value: unknown): Literal {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? '0' : (JSON.stringify(value) ?? 'null');
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(', ')}]`;
  return `{ ${Object.entries(value)
    .map(([key, item]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(key) ? key : 'k'}: ${jsonLiteral(item)}`)
    .join(', ')} }`;
}
