import { Field, ID, Int, ObjectType, Float } from '@nestjs/graphql';
import { Connection, Money } from '@mkt/common';
import { InvoiceKind, InvoiceStatus } from '../invoices.enums';

@ObjectType('Invoice')
export class InvoiceView {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field() period: string;
  @Field(() => InvoiceKind) kind: InvoiceKind;
  @Field() invoiceNumber: string;
  @Field() issuedOn: string;
  @Field({ description: 'The day the marketplace received it: the 30-day payment term runs from here.' }) receivedOn: string;
  @Field({ description: 'The last day payment is on time: 30 days after receipt, or the invoice’s own later due date.' }) payBy: string;
  @Field(() => Money) net: Money;
  @Field(() => Money) vat: Money;
  @Field(() => Money) gross: Money;
  @Field(() => InvoiceStatus) status: InvoiceStatus;
  @Field(() => String, { nullable: true }) disputeReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The ledger payment that settled it.' }) paymentId: string | null;
  @Field(() => String, { nullable: true }) paidOn: string | null;
  @Field(() => Int, { nullable: true, description: 'Days from receipt to payment.' }) daysToPay: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Paid by payBy.' }) paidOnTime: boolean | null;
  @Field() submittedBy: string;
  @Field(() => String, { nullable: true }) reviewedBy: string | null;
}

@ObjectType()
export class InvoiceConnection extends Connection(InvoiceView, 'Invoice') {}

@ObjectType('PaymentCompliancePeriod', {
  description:
    'One six-month reporting period of a payments compliance notice (Procurement Act 2023 s.69, Procurement Regulations 2024 reg. 38), from invoices paid in it.',
})
export class PaymentCompliancePeriodView {
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field(() => Int) invoicesPaid: number;
  @Field(() => Float, { nullable: true, description: 'Average days from receipt to payment.' }) averageDaysToPay: number | null;
  @Field(() => Float, { description: 'Per cent of invoices paid by their pay-by date.' }) paidWithinTermPercent: number;
  @Field(() => Float, { description: 'Per cent paid within 30 days of receipt.' }) paidWithin30DaysPercent: number;
  @Field(() => Float, { description: 'Per cent paid in 31 to 60 days.' }) paidIn31To60DaysPercent: number;
  @Field(() => Float, { description: 'Per cent paid after 60 days.' }) paidAfter60DaysPercent: number;
  @Field(() => Money, { description: 'Gross (VAT included) of the invoices paid.' }) grossPaid: Money;
  @Field(() => Int, { description: 'Approved or received invoices unpaid past their pay-by date at the period end.' }) overdueUnpaid: number;
}
