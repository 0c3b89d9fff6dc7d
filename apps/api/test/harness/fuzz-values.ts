import { getNullableType, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from 'graphql';
import type { Random } from './fuzz';

/** Hostile variable values and values of each input type (the hostile-input fuzz test). */
/** Long strings: inside the body limit one at a time, so they are used for single fields only. */
export const LONG_STRINGS: readonly string[] = ['a'.repeat(10_000), 'é'.repeat(70_000), '\ud83d\ude00'.repeat(20_000), 'x'.repeat(600_000)];

/** Strings that have broken parsers, encoders, databases and log pipelines. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'x\udfffy',
  '\udc00',
  'ok \ude00\ud83d',
  '\ud83d\ude00'.repeat(500),
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301',
  '\uffff\ufffe',
  "'; DROP TABLE organisation; --",
  "' OR '1'='1",
  '%_\\',
  '$1',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../../../etc/passwd',
  '\r\nX-Injected: yes',
  '${jndi:ldap://x}',
  'GB-CHC-',
  'GB-CHC-99999999999999999999',
  'GB-COH-\u0000\u0000',
  'null',
  'NaN',
  '-0',
  '1e309',
  '99999999999999999999.99',
  '-0.001',
  ' 12.50',
  '0x10',
  '2026-13-45T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'YzE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5',
  'YzE6LTE',
  '\\u0000',
];

// 9007199254740992 is 2^53 (MAX_SAFE_INTEGER + 1), the first unsafe integer (the 9007199254740993 written here before is no double: it read as 2^53).
export const HOSTILE_NUMBERS: readonly number[] = [
  0, -1, 1, 2147483647, 2147483648, -2147483649, 9007199254740992, 1e308, -1e308, 5e-324, 0.1, -0.5, 1.5, 101, 1000000,
  // Exponent decimals finer than any rate allows (once read as 0 decimal places), and within them.
  1e-7, 1.5e-7, 3e-9, 2.5e-1, 1e-6, 0.1234567,
];

/** A string, long ones only where `depth` says the value is not inside a list or object. */
function hostileString(r: Random, depth: number): string {
  return depth === 0 && r.chance(0.08) ? r.pick(LONG_STRINGS) : r.pick(HOSTILE_STRINGS);
}

/** A hostile JSON value of any shape, a few hundred kilobytes at most. */
export function hostileValue(r: Random, depth = 0): unknown {
  switch (r.below(depth > 1 ? 4 : 7)) {
    case 0:
      return hostileString(r, depth);
    case 1:
      return r.pick(HOSTILE_NUMBERS);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return r.pick(['ACCOMMODATION', 'REGISTERED_CHARITY', 'north-west', 'ACC-03', 'PER_REFERRAL']);
    case 4:
      return Array.from({ length: r.pick([0, 1, 3, depth ? 20 : 2000]) }, () => hostileValue(r, depth + 1));
    case 5:
      return Object.fromEntries(
        Array.from({ length: r.below(4) }, () => [r.pick(['a', '__proto__', 'constructor', 'x'.repeat(300), 'title']), hostileValue(r, depth + 1)]),
      );
    default: {
      // Deep nesting within the body limit.
      let value: unknown = 'bottom';
      for (let i = 0; i < r.pick([50, 500, 5000]); i += 1) value = [value];
      return value;
    }
  }
}

/**
 * A value for an input type: usually the right shape with hostile content, sometimes the wrong
 * shape altogether.
 */
export function valueFor(type: GraphQLInputType, r: Random, depth = 0): unknown {
  if (r.chance(0.12) || depth > 4) return hostileValue(r, depth);
  // Explicit nulls where the schema allows them: optional fields whose default null overrides.
  if (!isNonNullType(type) && r.chance(0.1)) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Array.from({ length: r.pick([0, 1, 2, 3, 300]) }, () => valueFor(nullable.ofType, r, depth + 2));
  if (isEnumType(nullable)) return r.chance(0.8) ? r.pick(nullable.getValues()).value : r.pick(['UNKNOWN', 'accommodation', '', 'ACCOMMODATION ']);
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    return Object.fromEntries(fields.filter(() => r.chance(0.85)).map((f) => [f.name, valueFor(f.type, r, depth + 1)]));
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Int':
      case 'Float':
        return r.pick(HOSTILE_NUMBERS);
      case 'Boolean':
        return r.pick([true, false, 'true', 0]);
      case 'ID':
        return r.pick(['00000000-0000-4000-8000-000000000000', 'not-an-id', '1', hostileString(r, depth)]);
      case 'Decimal':
        return r.pick(['850.00', '0.00', '-1.00', '1e3', '12.345', '99999999999999999.99', '', hostileString(r, depth)]);
      case 'DateTime':
        return r.pick(['2026-04-01T00:00:00Z', '2026-02-30T00:00:00Z', 'yesterday', '', hostileString(r, depth)]);
      default:
        return hostileString(r, depth);
    }
  }
  return hostileValue(r, depth);
}

/** A GraphQL literal (source text) for an input type, sometimes of the wrong kind. */
export function literalFor(type: GraphQLInputType, r: Random, depth = 0): string {
  if (r.chance(0.1)) return r.pick(['null', '$undeclared', '123', '"text"', 'WRONG_ENUM', '[1, "2", null]', '{ a: 1 }', '1e999', '""" block """']);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return `[${Array.from({ length: r.below(3) }, () => literalFor(nullable.ofType, r, depth + 1)).join(', ')}]`;
  if (isEnumType(nullable)) return r.pick(nullable.getValues()).name;
  if (isInputObjectType(nullable)) {
    if (depth > 3) return '{}';
    const fields = Object.values(nullable.getFields()).filter(() => r.chance(0.7));
    return `{ ${fields.map((f) => `${f.name}: ${literalFor(f.type, r, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(nullable) && ['Int', 'Float'].includes(nullable.name)) return String(r.pick(HOSTILE_NUMBERS));
  if (isScalarType(nullable) && nullable.name === 'Boolean') return r.pick(['true', 'false']);
  return JSON.stringify(r.pick(HOSTILE_STRINGS).slice(0, 2000));
}
