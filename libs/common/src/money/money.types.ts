import { Field, ObjectType } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { CURRENCY, formatPence, formatPenceText, Pence } from './money';

const notAString = () => new GraphQLError('Decimal values are strings such as "1250.00"', { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * `Decimal`: an amount as a string, exactly two decimal places on output ("1250.00"). On input the
 * scalar accepts any string and the input's class-validator rules check it, so that a bad amount is
 * reported as BAD_USER_INPUT naming the field. Numbers are refused: they would already have passed
 * through a JS float.
 */
export const GraphQLDecimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'A decimal amount as a string, exactly two decimal places on output ("1250.00").',
  serialize(value: unknown): string {
    if (typeof value === 'bigint') return formatPence(value);
    if (typeof value === 'string') return value;
    throw new GraphQLError('Decimal can only serialise pence held as bigint');
  },
  parseValue(value: unknown): string {
    if (typeof value !== 'string') throw notAString();
    return value;
  },
  parseLiteral(ast): string {
    if (ast.kind === Kind.STRING) return ast.value;
    throw notAString();
  },
});

@ObjectType('Money', { description: 'An exact amount of money.' })
export class Money {
  @Field(() => GraphQLDecimal, { description: 'Amount with two decimal places, e.g. "1250.00".' })
  amount: string;

  @Field({ description: 'ISO 4217 currency code; always GBP.' })
  currency: string;

  /** From pence as text (a PostgreSQL bigint or numeric sum), without a bigint on the way. */
  static ofText(pence: string): Money {
    const money = new Money();
    money.amount = formatPenceText(pence);
    money.currency = CURRENCY;
    return money;
  }

  static of(pence: Pence): Money {
    const money = new Money();
    money.amount = formatPence(pence);
    money.currency = CURRENCY;
    return money;
  }
}
