import { Module } from '@nestjs/common';
import { ContractsModule } from '@mkt/contracts';
import { OrganisationsModule } from '@mkt/organisations';
import { TransparencyController } from './controllers/transparency.controller';
import { InvoiceRepository } from './repositories/invoice.repository';
import { PaymentComplianceRepository } from './repositories/payment-compliance.repository';
import { PublishedPaymentRepository } from './repositories/published-payment.repository';
import { InvoicesResolver } from './resolvers/invoices.resolver';
import { InvoicesService } from './services/invoices.service';
import { PaymentComplianceService } from './services/payment-compliance.service';

@Module({
  imports: [ContractsModule, OrganisationsModule],
  controllers: [TransparencyController],
  providers: [
    InvoiceRepository,
    PublishedPaymentRepository,
    PaymentComplianceRepository,
    InvoicesService,
    PaymentComplianceService,
    InvoicesResolver,
  ],
  exports: [InvoicesService],
})
export class InvoicesModule {}
