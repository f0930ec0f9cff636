// Values an attacker sends: SQL-looking strings, NUL bytes, odd unicode, forged cursors, JSON with prototype keys.
import fc from 'fast-check';

export const SQL_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE afiliado; --",
  '" OR 1=1 --',
  "%' AND pg_sleep(5) IS NULL --",
  "1' UNION SELECT email, telefono FROM afiliado --",
  '%',
  '_',
  '\\',
  "'); DELETE FROM comision WHERE ('1'='1",
  '$1',
  "E'\\x00'",
  "admin'--",
] as const;

const ODD_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(20),
  '\uFEFF',
  '\u202E',
  '💥',
  '\uFFFF',
  ' ',
  '',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../etc/passwd',
] as const;

/** SQL, NUL bytes and odd unicode, alone or around random text. */
export function hostileStrings(): fc.Arbitrary<string> {
  const atom = fc.constantFrom<string>(...SQL_STRINGS, ...ODD_STRINGS);
  return fc.oneof(
    { weight: 3, arbitrary: atom },
    { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), atom, fc.string({ maxLength: 8 })).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );
}

/** Cursors this API never handed out: base64url of other prefixes, of SQL, of other entities' ids, or no base64 at all. */
export function forgedCursor(pool: { ids: string[]; cursors: string[] }): fc.Arbitrary<string> {
  const base64 = (text: string) => Buffer.from(text).toString('base64url');
  return fc.oneof(
    fc.constantFrom(...pool.ids).map((id) => base64(`id:${id}`)), // a real id of maybe another type: a foreign cursor
    fc.uuid({ version: 4 }).map((id) => base64(`id:${id}`)),
    fc.constantFrom(...SQL_STRINGS).map((sql) => base64(`id:${sql}`)),
    fc.string({ maxLength: 40 }).map((text) => base64(text)),
    fc.string({ maxLength: 40 }).map((text) => base64(`id:${text}`)),
    fc.constantFrom(...pool.cursors).map((cursor) => `${cursor}=`),
    fc.constantFrom(...pool.cursors).map((cursor) => cursor.slice(0, -2)),
    fc.constantFrom('!!!', '====', 'aWQ6', 'aWQ6\u0000', '%00', ' '),
  );
}

/** JSON whose objects carry __proto__, constructor and prototype as own keys (parsed, never built by an object literal). */
export function jsonWithPrototypeKeys(): fc.Arbitrary<unknown> {
  const poison = fc.constantFrom(
    '{"__proto__": {"polluted": true, "isAdmin": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"a": {"__proto__": {"toString": "x"}}, "constructor": "y"}',
    '{"__proto__": null}',
    '{"hasOwnProperty": 1, "valueOf": {}, "__defineGetter__": []}',
    '[{"__proto__": {"length": 1e9}}]',
  );
  return fc.oneof({ weight: 2, arbitrary: poison.map((text) => JSON.parse(text) as unknown) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

/** A value nested `levels` deep: arrays ([[[…]]]) or objects ({"a":{"a":…}}), built without recursion. */
export function deeplyNested(levels: number, shape: 'array' | 'object'): unknown {
  let value: unknown = shape === 'array' ? [] : { leaf: true };
  for (let level = 0; level < levels; level += 1) value = shape === 'array' ? [value] : { a: value };
  return value;
}

/** The same nesting as JSON text, built as text (JSON.stringify recurses). */
export function deeplyNestedJson(levels: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? `${'['.repeat(levels)}${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}{"leaf":true}${'}'.repeat(levels)}`;
}
