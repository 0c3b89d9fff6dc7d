import { registerDecorator, ValidationOptions } from 'class-validator';
import { isDecimalString, MAX_PENCE, parsePence } from './money';

/** class-validator rule for `Decimal` inputs: at most two decimal places, within bounds. */
export function IsMoney(options: { min?: string; allowNegative?: boolean } = {}, validationOptions?: ValidationOptions) {
  const min = options.min !== undefined ? parsePence(options.min) : options.allowNegative ? -MAX_PENCE : 0n;
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isMoney',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an amount in pounds with at most two decimal places, at least ${
          options.min ?? (options.allowNegative ? 'any' : '0.00')
        }`,
        ...validationOptions,
      },
      validator: {
        validate(value: unknown) {
          if (!isDecimalString(value)) return false;
          const pence = parsePence(value);
          return pence >= min && pence <= MAX_PENCE;
        },
      },
    });
  };
}
