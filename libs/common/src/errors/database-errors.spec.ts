import { classifyDatabaseError } from './database-errors';

/** The codes and shapes a lost connection arrives in, directly and wrapped (TypeORM, graphql-js, causes). */
describe('classifyDatabaseError', () => {
  it.each([
    ['pg_terminate_backend', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['an idle session closed by the server', { code: '57P05' }],
    ['an idle transaction closed by the server', { code: '25P03' }],
    ['a refused connection', { code: 'ECONNREFUSED' }],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a client used after its connection broke', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s is unavailable', (_what, error) => {
    expect(classifyDatabaseError(error)).toBe('unavailable');
    expect(classifyDatabaseError({ message: 'Query failed', driverError: error })).toBe('unavailable');
    expect(classifyDatabaseError(new Error('wrapped', { cause: error }))).toBe('unavailable');
    expect(classifyDatabaseError({ message: 'Unexpected error value', thrownValue: error })).toBe('unavailable');
  });

  it('a value the database refuses is the client input; other errors are not classified', () => {
    expect(classifyDatabaseError({ code: '22003' })).toBe('invalid-value');
    expect(classifyDatabaseError({ code: '42P01', message: 'relation "organisation" does not exist' })).toBeUndefined();
    expect(classifyDatabaseError(new Error('offer has no provider'))).toBeUndefined();
    expect(classifyDatabaseError(undefined)).toBeUndefined();
  });
});
