import pg from 'pg';

/**
 * Calendar dates stay `YYYY-MM-DD` strings: node-postgres would otherwise turn a DATE into a JS
 * Date at local midnight, which shifts it by the time zone. bigint and numeric stay strings (their
 * default), so money and exact numbers never pass through a float.
 */
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);
