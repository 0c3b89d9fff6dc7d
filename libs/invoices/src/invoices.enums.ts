import { registerEnumType } from '@nestjs/graphql';

export enum InvoiceStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  DISPUTED = 'DISPUTED',
  PAID = 'PAID',
}

/** Fixed instalments and outcome payments are invoiced separately, as they are paid. */
export enum InvoiceKind {
  FIXED = 'FIXED',
  OUTCOME = 'OUTCOME',
}

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  valuesMap: {
    SUBMITTED: { description: 'Received from the provider; the 30-day payment term runs from the day it was received.' },
    APPROVED: { description: 'Checked by a commissioner of the region: valid and undisputed, to be paid.' },
    DISPUTED: { description: 'Not valid or disputed, with the reason given to the provider; the provider may submit a corrected invoice.' },
    PAID: { description: 'Settled by a payment on the contract ledger.' },
  },
});
registerEnumType(InvoiceKind, { name: 'InvoiceKind' });
