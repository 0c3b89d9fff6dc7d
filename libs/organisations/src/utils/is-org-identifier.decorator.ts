import { registerDecorator, ValidationArguments } from 'class-validator';
import { parseOrgIdentifier } from './org-identifier';

export function IsOrgIdentifier() {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: 'isOrgIdentifier',
      target: object.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) => {
          const check = typeof args.value === 'string' ? parseOrgIdentifier(args.value) : undefined;
          return check && !check.ok ? check.reason : `${propertyName} must be an org-id identifier such as GB-CHC-1234567`;
        },
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= 40 && parseOrgIdentifier(value).ok,
      },
    });
  };
}
