import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../src/glob.js';

describe('globToRegExp', () => {
  it('matches ** across folders, * and ? within one, {a,b} alternatives', () => {
    const pattern = globToRegExp('/repo/{e2e,examples}/**/*.graphql');
    expect(pattern.test('/repo/e2e/operations/Flujo.graphql')).toBe(true);
    expect(pattern.test('/repo/e2e/Flujo.graphql')).toBe(true);
    expect(pattern.test('/repo/examples/web/src/q.graphql')).toBe(true);
    expect(pattern.test('/repo/schema/api-schema.graphql')).toBe(false);
    expect(pattern.test('/repo/e2e/operations/Flujo.graphqlx')).toBe(false);
    expect(globToRegExp('/repo/op?.graphql').test('/repo/op1.graphql')).toBe(true);
    expect(globToRegExp('/repo/*.graphql').test('/repo/a/b.graphql')).toBe(false);
  });
});
