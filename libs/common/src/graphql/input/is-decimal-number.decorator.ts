import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * `Float` inputs that stand for exact decimals (rates, targets, baselines, actuals, contributions).
 * JSON numbers carry no notation: `1e-7` arrives as the same double as `0.0000001`, and
 * class-validator's `maxDecimalPlaces` counts digits after a "." in `String(value)`, so it saw
 * none in "1e-7" and the value was later rounded to 0.000000. This counts decimals by value: the
 * number must equal itself rounded to `places` decimals (its shortest form has at most `places`).
 * A plain boolean, not `value is number`: false does not mean "not a number" (0.1234567 is one).
 */
export function hasAtMostDecimals(value: unknown, places: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return Number(value.toFixed(places)) === value;
}

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
