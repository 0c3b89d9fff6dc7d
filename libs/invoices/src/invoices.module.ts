import { Module } from '@nestjs/common';
import { ContractsModule } from '@mkt/contracts';
import { OrganisationsModule } from '@mkt/organisations';
import { InvoiceRepository } from './repositories/invoice.repository';
import { InvoicesResolver } from './resolvers/invoices.resolver';
import { InvoicesService } from './services/invoices.service';
import { PaymentComplianceService } from './services/payment-compliance.service';

@Module({
  imports: [ContractsModule, OrganisationsModule],
  providers: [InvoiceRepository, InvoicesService, PaymentComplianceService, InvoicesResolver],
  exports: [InvoicesService],
})
export class InvoicesModule {}
