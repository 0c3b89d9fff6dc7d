import { Logger } from 'pino';

/** Injection token for the app's pino logger. */
export const APP_LOGGER = Symbol('APP_LOGGER');
export type AppLogger = Logger;
