import { PipeTransform, ValidationPipe, ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { CommonException } from './domain.exception';
import { findPersonalIdentifier, personalIdentifierMessage } from './personal-identifiers';

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const ACCEPTS_NULL = Symbol('acceptsNull');

/**
 * Marks an optional input field for which an explicit `null` means the same as leaving it out
 * (`after: null` is the first page); the pipe turns it into `undefined`. Every other optional
 * field refuses `null` (see `explicitNullErrors`).
 */
export function AcceptsNull(): PropertyDecorator {
  return (target, property) => {
    const own: Set<string | symbol> = Object.prototype.hasOwnProperty.call(target, ACCEPTS_NULL)
      ? (target as Record<symbol, Set<string | symbol>>)[ACCEPTS_NULL]
      : new Set((target as Record<symbol, Set<string | symbol>>)[ACCEPTS_NULL] ?? []);
    own.add(property);
    Object.defineProperty(target, ACCEPTS_NULL, { value: own, configurable: true });
  };
}

/** Input nesting is a few levels; values deeper than this are not input objects (and are refused by their types). */
const NULL_SCAN_DEPTH = 16;

/**
 * Explicit nulls in an input object, as validation errors: GraphQL lets a client send `null` for
 * any optional field (it also overrides a field's default), `@IsOptional()` then skips every rule,
 * and services read optional fields as "given or undefined" (`maxUnitPrice: null` reached
 * `parsePence(null)`). Refused once here, for every input, with the field's path; fields marked
 * `@AcceptsNull()` get `undefined` instead.
 */
export function explicitNullErrors(value: unknown, path = '', depth = 0): ValidationError[] {
  if (!value || typeof value !== 'object' || depth > NULL_SCAN_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => explicitNullErrors(item, path ? `${path}.${i}` : String(i), depth + 1));
  const accepted = (value as Record<symbol, Set<string> | undefined>)[ACCEPTS_NULL];
  const record = value as Record<string, unknown>;
  return Object.keys(record).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    if (record[key] !== null) return explicitNullErrors(record[key], at, depth + 1);
    if (accepted?.has(key)) {
      record[key] = undefined;
      return [];
    }
    return [{ property: at, constraints: { notNull: `${key} must not be null; leave it out instead` }, children: [] }];
  });
}

/** The global pipe: explicit nulls first (see above), then the class-validator rules. */
class InputValidationPipe extends ValidationPipe {
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const nulls = explicitNullErrors(object);
    const errors = await super.validate(object, validatorOptions);
    return [...nulls, ...errors];
  }
}

/** class-validator failures become BAD_USER_INPUT errors whose message names each field. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const message = fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ');
      return CommonException.badInput(`Invalid input: ${message}`).withFields(fields);
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids are UUIDs; anything else is bad input named after the argument, never a database error. */
export class UuidPipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly field: string,
    private readonly optional = false,
  ) {}

  transform(value: unknown): string | undefined {
    if ((value === undefined || value === null) && this.optional) return undefined;
    if (!isUuid(value)) throw CommonException.badInput(`${this.field}: must be an id (UUID)`, this.field);
    return value.toLowerCase();
  }
}

/** Free-text reasons (reject, decline, withdraw, return): 3 to 2,000 characters. */
export class ReasonLengthPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || value.trim().length < 3 || value.length > 2000) {
      throw CommonException.badInput('reason: must be 3 to 2000 characters', 'reason');
    }
    const identifier = findPersonalIdentifier(value);
    if (identifier) {
      throw CommonException.badInput(personalIdentifierMessage('reason', identifier), 'reason');
    }
    return value.trim();
  }
}
