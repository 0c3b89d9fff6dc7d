import { ContractStatus } from '../contracts.enums';
import { addMonths, paymentWindow, stoppedOn, stopRefusal } from './contract-dates';

describe('contract dates', () => {
  it('adds calendar months, clamping the day to the end of the month', () => {
    expect(addMonths('2026-05-31', 6)).toBe('2026-11-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
  });

  it('lets payments run on for six months after the end', () => {
    expect(paymentWindow('2026-04-01', '2027-03-31')).toEqual({ from: '2026-04-01', to: '2027-09-30' });
  });

  it('finds the day the contract last stopped being active', () => {
    const at = (status: ContractStatus, day: string) => ({ status, changedAt: new Date(`${day}T10:00:00Z`) });
    expect(stoppedOn([at(ContractStatus.ACTIVE, '2026-04-01')])).toBeNull();
    expect(stoppedOn([at(ContractStatus.ACTIVE, '2026-04-01'), at(ContractStatus.TERMINATED, '2026-11-15')])).toBe('2026-11-15');
    expect(
      stoppedOn([at(ContractStatus.ACTIVE, '2026-04-01'), at(ContractStatus.SUSPENDED, '2026-09-01'), at(ContractStatus.TERMINATED, '2026-11-15')]),
    ).toBe('2026-09-01');
    // Suspended, reactivated, then terminated: the stop is the termination.
    expect(
      stoppedOn([
        at(ContractStatus.ACTIVE, '2026-04-01'),
        at(ContractStatus.SUSPENDED, '2026-06-01'),
        at(ContractStatus.ACTIVE, '2026-07-01'),
        at(ContractStatus.TERMINATED, '2026-11-15'),
      ]),
    ).toBe('2026-11-15');
    // A variation of other terms while suspended does not move the stop.
    expect(
      stoppedOn([at(ContractStatus.ACTIVE, '2026-04-01'), at(ContractStatus.SUSPENDED, '2026-09-01'), at(ContractStatus.SUSPENDED, '2026-10-01')]),
    ).toBe('2026-09-01');
  });

  it('refuses payments after a suspension, and payments and approvals after a termination, for later periods only', () => {
    const q3 = { period: '2026-27-Q3', startDate: '2026-10-01' };
    const q4 = { period: '2026-27-Q4', startDate: '2027-01-01' };
    const suspended = { status: ContractStatus.SUSPENDED, stoppedOn: '2026-12-02' };
    const terminated = { status: ContractStatus.TERMINATED, stoppedOn: '2026-12-02' };
    expect(stopRefusal(suspended, q3, 'payment')).toBeNull();
    expect(stopRefusal(suspended, q4, 'payment')).toBe(
      'The contract is SUSPENDED since 2026-12-02: no payment for 2026-27-Q4, which began on 2027-01-01',
    );
    expect(stopRefusal(suspended, q4, 'approval')).toBeNull();
    expect(stopRefusal(terminated, q3, 'approval')).toBeNull();
    expect(stopRefusal(terminated, q4, 'approval')).toMatch(/TERMINATED since 2026-12-02: no approval/);
    expect(stopRefusal(terminated, { period: '2027-01', startDate: '2026-12-02' }, 'payment')).toBeNull(); // began that day
    expect(stopRefusal({ status: ContractStatus.ACTIVE, stoppedOn: null }, q4, 'payment')).toBeNull();
  });
});
