import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuthClock } from './auth-clock';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  providers: [AuthClock, TokenVerifier, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenVerifier, AuthClock],
})
export class AuthModule {}
