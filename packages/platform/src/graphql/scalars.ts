import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

function parseDecimal(value: unknown): Decimal {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text.trim())) {
    throw new GraphQLError(`Decimal must be a string like "120.50", got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Decimal(text.trim());
}

/** Money and percentages: exact decimals, serialised as strings ("120.50"), never floats. */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description: 'Exact decimal number serialised as a string, e.g. "120.50".',
  serialize(value) {
    if (value instanceof Decimal) return value.toFixed(2);
    if (value && typeof value === 'object' && 'toFixed' in value) return (value as Decimal).toFixed(2);
    const text = typeof value === 'number' ? String(value) : value;
    // a stored value that is no decimal is the server's fault, not the client's input: an internal error (masked)
    if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text.trim())) throw new TypeError(`Decimal cannot represent ${JSON.stringify(value)}`);
    return new Decimal(text.trim()).toFixed(2);
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a string like "120.50"', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

export const scalarResolvers = {
  Decimal: DecimalScalar,
  Date: DateResolver,
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
};
