import { fixedPaymentRefusal } from './arrears';

const q1 = { period: '2026-27-Q1', startDate: '2026-04-01', dueOn: '2026-06-30' };

describe('fixed instalments in arrears', () => {
  it('refuses a payment dated before the period ends', () => {
    expect(fixedPaymentRefusal(q1, false, '2026-06-29')).toContain('in arrears, from 2026-06-30');
  });

  it('allows one dated on or after the last day', () => {
    expect(fixedPaymentRefusal(q1, false, '2026-06-30')).toBeNull();
    expect(fixedPaymentRefusal(q1, false, '2026-07-15')).toBeNull();
  });

  it('with an advance schedule allows one from the first day, not before', () => {
    expect(fixedPaymentRefusal(q1, true, '2026-04-01')).toBeNull();
    expect(fixedPaymentRefusal(q1, true, '2026-03-31')).toContain('from 2026-04-01');
  });
});
