import { contractPeriodProblem, latestContractEnd, MAX_CONTRACT_MONTHS, MAX_CONTRACT_QUARTERS } from './contract-horizon';
import { monthsSpanned } from './dates';

describe('contract horizon', () => {
  it('ends a contract at the latest the day before its tenth anniversary', () => {
    expect(latestContractEnd('2026-04-01')).toBe('2036-03-31');
    expect(latestContractEnd('2026-04-15')).toBe('2036-04-14');
    expect(latestContractEnd('2028-02-29')).toBe('2038-02-28');
    expect(latestContractEnd('0001-01-01')).toBe('0010-12-31');
    expect(latestContractEnd('9995-06-01')).toBe('9999-12-31');
  });

  it('names the problem with an end date, or none', () => {
    expect(contractPeriodProblem('2026-04-01', '2036-03-31')).toBeUndefined();
    expect(contractPeriodProblem('2026-04-01', '2026-04-01')).toBeUndefined();
    expect(contractPeriodProblem('2026-04-01', '2036-04-01')).toBe(
      'a contract may run at most 10 years: from 2026-04-01 it must end on or before 2036-03-31',
    );
    expect(contractPeriodProblem('2026-04-01', '2026-03-31')).toBe('must be on or after the start date');
    expect(contractPeriodProblem('0001-01-01', '9999-12-31')).toMatch(/at most 10 years/);
  });

  it('bounds the months and quarters a contract can span', () => {
    expect(monthsSpanned('2026-04-15', latestContractEnd('2026-04-15'))).toHaveLength(MAX_CONTRACT_MONTHS);
    expect(MAX_CONTRACT_MONTHS).toBe(121);
    expect(MAX_CONTRACT_QUARTERS).toBe(41);
  });
});
