import { describe, expect, it } from 'vitest';
import { Porcentaje } from '../src/index.js';

describe('Porcentaje (the one percentage rule of every service)', () => {
  it.each(['0', '100', '7.5', '12.34', '0.01'])('accepts %s', (value) => {
    expect(Porcentaje.of(value).value.toString()).toBe(value);
  });

  it('prints two decimals, as the Decimal scalar and the messages carry it', () => {
    expect(Porcentaje.of('7.5').toString()).toBe('7.50');
    expect(Porcentaje.of(12).toString()).toBe('12.00');
  });

  it.each([
    ['-0.01', /between 0 and 100/],
    ['100.01', /between 0 and 100/],
    ['NaN', /between 0 and 100/],
    ['Infinity', /between 0 and 100/],
    ['7.555', /at most 2 decimals/],
    ['10.001', /at most 2 decimals/],
  ])('refuses %s (never rounds it away)', (value, message) => {
    expect(() => Porcentaje.of(value)).toThrow(message);
  });

  it('max keeps the higher of two', () => {
    expect(Porcentaje.of('5').max(Porcentaje.of('7.25')).toString()).toBe('7.25');
    expect(Porcentaje.of('9').max(Porcentaje.of('7.25')).toString()).toBe('9.00');
  });
});
