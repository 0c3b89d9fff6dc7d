import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Response } from 'express';
import { Public } from '@mkt/auth';

/**
 * Liveness says the process answers; readiness (and `/health`) says the database answers too, so a
 * load balancer stops sending traffic while the database is away and resumes when it is back.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

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
    const database = await this.pingDatabase();
    res
      .status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: database === 'up' ? 'ok' : 'unavailable', database });
  }

  private async pingDatabase(): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 2_000);
        }),
      ]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      // A pending timer would keep a stopping process (and the test runner) alive for two seconds.
      clearTimeout(timer);
    }
  }
}
