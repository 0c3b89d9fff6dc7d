import { PipeTransform, ValidationPipe, ValidationError } from '@nestjs/common';
import { CommonException } from './domain.exception';
import { findPersonalIdentifier, personalIdentifierMessage } from './personal-identifiers';

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator failures become BAD_USER_INPUT errors whose message names each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
