import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { RequestContexts } from '@mkt/common';

/**
 * Structured JSON logs (pino) on stdout, or on `destination` (tests capture it). Authorization
 * headers and tokens never reach the log: request logging records the principal's `sub`, not the
 * token, and the paths below are censored should anything log a request or its headers.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'nps-marketplace-api' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'authorization',
        'token',
        '*.token',
        'password',
        '*.password',
        'variables',
        '*.variables',
      ],
      censor: '[redacted]',
    },
    serializers: { err: pino.stdSerializers.err },
    // Every line written while serving a request carries its id, including Nest's and TypeORM's.
    mixin: () => {
      const requestId = RequestContexts.current()?.requestId;
      return requestId ? { requestId } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's own messages (module init, route mapping) through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

/**
 * Node prints its own warnings (deprecations, experimental features, listener leaks) as plain text
 * on stderr, which a JSON log collector cannot read: they become warn lines of this log instead.
 * Removing the listeners drops Node's default printer (the documented `--no-warnings` does the same).
 */
export function logProcessWarnings(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn({ err: warning }, `${warning.name}: ${warning.message}`));
}
