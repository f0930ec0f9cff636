import { describe, expect, it } from 'vitest';
import { OperationNameBuckets } from '../src/operation-names.js';

describe('operation_name stays low-cardinality', () => {
  it('keeps the first names, buckets later ones as other, and labels unresolved and anonymous operations', () => {
    const names = new OperationNameBuckets(2);
    expect(names.label('Uno', true)).toBe('Uno');
    expect(names.label('Dos', true)).toBe('Dos');
    expect(names.label('Tres', true)).toBe('other');
    expect(names.label('Uno', true)).toBe('Uno');
    expect(names.label(undefined, true)).toBe('anonymous');
    expect(names.label('Cuatro', false)).toBe('unknown');
  });
});
