import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { OrderExpiryService } from './order-expiry.service';

/**
 * Expires unanswered orders on a timer, so budgets show released reservations even when nobody
 * places or reads orders. Placing an order also sweeps its budget when it would not fit, so a
 * stale reservation never blocks a new order between ticks.
 */
@Injectable()
export class OrderExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly logger = new Logger(OrderExpiryScheduler.name);

  constructor(
    private readonly expiry: OrderExpiryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.ordering.expirySweepSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.expiry
        .sweepExpired()
        // The next tick tries again; a failed sweep (database down, or a bug) is logged, not swallowed.
        .catch((error: unknown) => this.logger.warn({ err: error }, 'order expiry sweep failed'))
        .finally(() => (this.running = undefined));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
