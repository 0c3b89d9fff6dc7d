import { registerDecorator, ValidationOptions } from 'class-validator';
import { hasAtMostDecimals } from './decimal';

/** Refuses a `Float` input with more than `places` decimals (counted by value: see hasAtMostDecimals). */
export function IsDecimalNumber(places: number, validationOptions?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isDecimalNumber',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a number with at most ${places} decimal places`, ...validationOptions },
      validator: { validate: (value: unknown) => hasAtMostDecimals(value, places) },
    });
  };
}
