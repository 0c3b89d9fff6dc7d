import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { GraphQLDecimal, IsFreeOfPersonalIdentifiers, IsIsoDate, IsMoney } from '@mkt/common';
import { InvoiceKind, InvoiceStatus } from '../invoices.enums';

const PERIOD = /^\d{4}-\d{2}(-Q[1-4])?$/;

@InputType()
export class SubmitInvoiceInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field({ description: 'The reporting period invoiced, e.g. 2026-27-Q2 or 2026-08.' })
  @Matches(PERIOD, { message: 'period must look like 2026-27-Q1 or 2026-04' })
  period: string;
  @Field(() => InvoiceKind) @IsEnum(InvoiceKind) kind: InvoiceKind;
  @Field(() => GraphQLDecimal, { description: 'Net of VAT: what the contract pays.' }) @IsMoney({ min: '0.01' }) amount: string;
  @Field(() => GraphQLDecimal, { nullable: true, defaultValue: '0.00', description: 'VAT charged, at most 20% of the net amount.' })
  @IsOptional()
  @IsMoney()
  vatAmount?: string;
  @Field({ description: "The provider's own invoice number, unique per provider." })
  @IsString()
  @Length(1, 40)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/, { message: 'invoiceNumber may hold letters, digits and / _ . - only' })
  invoiceNumber: string;
  @Field({ description: 'YYYY-MM-DD, the date on the invoice; not in the future.' }) @IsIsoDate() issuedOn: string;
  @Field({ nullable: true, description: 'A payment date on the invoice later than the 30-day term, if any.' })
  @IsOptional()
  @IsIsoDate()
  dueOn?: string;
}

@InputType()
export class DisputeInvoiceInput {
  @Field(() => ID) @IsUUID() invoiceId: string;
  @Field({ description: 'Why the invoice is not valid or is disputed; sent to the provider.' })
  @IsString()
  @Length(3, 2000)
  @IsFreeOfPersonalIdentifiers()
  reason: string;
}

@InputType()
export class PayInvoiceInput {
  @Field(() => ID) @IsUUID() invoiceId: string;
  @Field({ description: 'YYYY-MM-DD, not in the future.' }) @IsIsoDate() paidOn: string;
  @Field({ description: 'Finance system reference.' }) @IsString() @Length(1, 200) reference: string;
  @Field(() => ID) @IsUUID() idempotencyKey: string;
}

@InputType()
export class InvoicesFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() contractId?: string;
  @Field(() => [InvoiceStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(4) @IsEnum(InvoiceStatus, { each: true }) statuses?: InvoiceStatus[];
}

@InputType()
export class PaymentComplianceFilter {
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(12) @IsString({ each: true }) regionCodes?: string[];
  @Field({ nullable: true, description: 'First day of the first six-month reporting period wanted (YYYY-MM-DD).' })
  @IsOptional()
  @IsIsoDate()
  from?: string;
  @Field({ nullable: true, description: 'A day in the last reporting period wanted (YYYY-MM-DD).' }) @IsOptional() @IsIsoDate() to?: string;
}
