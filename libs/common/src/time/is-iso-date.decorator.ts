import { registerDecorator } from 'class-validator';
import { isFinancialYear, isIsoDate } from './dates';

export function IsIsoDate() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date written YYYY-MM-DD` },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

export function IsFinancialYear() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isFinancialYear',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a financial year written like 2026-27` },
      validator: {
        validate: (value: unknown) => (Array.isArray(value) ? value.every(isFinancialYear) : isFinancialYear(value)),
      },
    });
}
