import { CommonException, onDomainError } from './domain.exception';

describe('onDomainError', () => {
  const notFound = onDomainError('NOT_FOUND', () => 'handled');

  it('handles a domain error with the given code', () => {
    expect(notFound(CommonException.notFound('Contract'))).toBe('handled');
    expect(onDomainError(['CONFLICT', 'NOT_FOUND'], (e) => e.message)(CommonException.notFound('Payment'))).toBe('Payment not found');
  });

  it('lets everything else through unchanged: other codes, a lost connection, a bug', () => {
    const other = CommonException.badInput('first: too large');
    const outage = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    for (const error of [other, outage, new TypeError('x is undefined'), 'a string']) expect(() => notFound(error)).toThrow(error);
  });
});
