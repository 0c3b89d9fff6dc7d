import { advancePaymentRefusal } from './advance-payment';

describe('advance payment schedule', () => {
  it('is allowed for providers with income under GBP 1m', () => {
    expect(advancePaymentRefusal('UNDER_100K', true)).toBeNull();
    expect(advancePaymentRefusal('FROM_100K_TO_1M', true)).toBeNull();
  });

  it('is refused for larger providers, who are paid in arrears', () => {
    expect(advancePaymentRefusal('FROM_1M_TO_10M', true)).toContain('FROM_1M_TO_10M');
    expect(advancePaymentRefusal('OVER_10M', true)).toContain('arrears');
  });

  it('never refuses arrears', () => {
    expect(advancePaymentRefusal('OVER_10M', false)).toBeNull();
  });
});
