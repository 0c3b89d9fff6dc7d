import { Injectable } from '@nestjs/common';
import { Clock } from '@mkt/common';

/**
 * Time as the token checks see it: expiry and issue time of tokens, the age of the identity
 * provider's key set, the verified-token cache. The same `Clock` as the business one, as a separate
 * instance (its own offset): tests moving business time by days (order expiry) keep their tokens
 * valid, and tests of key rotation age the key set without moving business time.
 */
@Injectable()
export class AuthClock extends Clock {}
