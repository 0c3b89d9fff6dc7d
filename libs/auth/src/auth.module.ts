import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CommonModule } from '@mkt/common';
import { AccessGuard } from './access.guard';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  // CommonModule for the Clock: token expiry and the key set's age follow the app's clock.
  imports: [CommonModule],
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
