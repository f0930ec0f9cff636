import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsSubfield } from '../src/index.js';

// A real execution: the resolver of `page` reports whether its selection reads `totalCount`.
const schema = buildSchema(`
  type Page { totalCount: Int! nodes: [Int!]! }
  type Query { page: Page! }
`);

/** The answer for each `page` field resolved, in order; one when the document has one. */
async function answersFor(document: string): Promise<boolean[]> {
  const answers: boolean[] = [];
  const rootValue = {
    page: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      answers.push(selectsSubfield(info, 'totalCount'));
      return { totalCount: 1, nodes: [1] };
    },
  };
  const result = await graphql({ schema, source: document, rootValue });
  expect(result.errors).toBeUndefined();
  return answers;
}

const selectsTotalCount = async (document: string) => {
  const [answer, ...others] = await answersFor(document);
  expect(others).toEqual([]);
  return answer;
};

describe('selectsSubfield', () => {
  it('sees a field selected directly, aliased, in an inline fragment or in a named fragment (nested too)', async () => {
    expect(await selectsTotalCount('{ page { totalCount nodes } }')).toBe(true);
    expect(await selectsTotalCount('{ page { total: totalCount } }')).toBe(true);
    expect(await selectsTotalCount('{ page { nodes ... on Page { totalCount } } }')).toBe(true);
    expect(await selectsTotalCount('{ page { ...Outer } } fragment Outer on Page { nodes ...Inner } fragment Inner on Page { totalCount }')).toBe(true);
  });

  it('counts a field under @skip or @include as selected (the conservative answer)', async () => {
    expect(await selectsTotalCount('{ page { nodes totalCount @skip(if: true) } }')).toBe(true);
  });

  it('is false when nothing under the field reads it', async () => {
    expect(await selectsTotalCount('{ page { nodes } }')).toBe(false);
    expect(await selectsTotalCount('{ page { ...F } } fragment F on Page { nodes }')).toBe(false);
    expect(await answersFor('{ page { nodes } other: page { totalCount } }')).toEqual([false, true]);
  });
});
