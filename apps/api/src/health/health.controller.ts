import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Response } from 'express';
import { Public, TokenVerifier } from '@mkt/auth';

type Dependency = 'up' | 'down';

/** Longest a readiness check waits for one dependency. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Liveness says the process answers; readiness (and `/health`) says its dependencies answer too,
 * so a load balancer stops sending traffic while one is away and resumes when it is back: the
 * database always, and in production the identity provider's JWKS (without it no token can be
 * checked). The body names each: `{ status, database, identityProvider }`.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenVerifier,
  ) {}

  @Get()
  @Public()
  health(@Res() res: Response) {
    return this.ready(res);
  }

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready(@Res() res: Response) {
    const [database, identityProvider] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1').then(() => true)),
      withTimeout(this.tokens.identityProviderReachable()),
    ]);
    const checks: Record<string, Dependency> = { database: database ? 'up' : 'down' };
    // Outside production there is no identity provider to check (tokens use the local key).
    if (identityProvider !== undefined) checks.identityProvider = identityProvider ? 'up' : 'down';
    const ok = Object.values(checks).every((state) => state === 'up');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', ...checks });
  }
}

/** The check's answer; false when it fails or takes longer than CHECK_TIMEOUT_MS. */
async function withTimeout<T extends boolean | undefined>(check: Promise<T>): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check,
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    // A pending timer would keep a stopping process (and the test runner) alive for two seconds.
    clearTimeout(timer);
  }
}
