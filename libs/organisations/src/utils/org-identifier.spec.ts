import { impliedCharityNumber, impliedCompanyNumber, parseOrgIdentifier } from './org-identifier';

describe('parseOrgIdentifier', () => {
  it.each([
    ['GB-CHC-1234567', 'GB-CHC', '1234567'],
    ['GB-CHC-212345', 'GB-CHC', '212345'],
    ['GB-SC-SC012345', 'GB-SC', 'SC012345'],
    ['GB-NIC-100002', 'GB-NIC', '100002'],
    ['GB-COH-01234567', 'GB-COH', '01234567'],
    ['GB-COH-SC123456', 'GB-COH', 'SC123456'],
    ['GB-COH-R0000123', 'GB-COH', 'R0000123'],
    ['GB-MPR-IP12345R', 'GB-MPR', 'IP12345R'],
  ])('accepts %s', (identifier, scheme, number) => {
    expect(parseOrgIdentifier(identifier)).toEqual({ ok: true, value: { scheme, number } });
  });

  it.each([
    ['1234567', 'must start with'],
    ['GB-XYZ-1234567', 'must start with'],
    ['GB-CHC-12345', 'GB-CHC-<6 to 8 digits>'],
    ['GB-CHC-12A4567', 'GB-CHC-<6 to 8 digits>'],
    ['GB-SC-012345', 'GB-SC-SC<6 digits>'],
    ['GB-SC-SC01234', 'GB-SC-SC<6 digits>'],
    ['GB-NIC-NIC100002', 'GB-NIC-<5 or 6 digits>'],
    ['GB-COH-1234567', 'GB-COH-<8 characters'],
    ['GB-COH-123456789', 'GB-COH-<8 characters'],
    ['GB-COH-sc123456', 'GB-COH-<8 characters'],
    ['GB-MPR-', 'must start with'],
    ['gb-chc-1234567', 'must start with'],
  ])('refuses %s', (identifier, reason) => {
    const result = parseOrgIdentifier(identifier);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('derives charity and company numbers from the scheme', () => {
    const chc = parseOrgIdentifier('GB-CHC-1234567');
    const coh = parseOrgIdentifier('GB-COH-09876543');
    if (!chc.ok || !coh.ok) throw new Error('expected valid identifiers');
    expect(impliedCharityNumber(chc.value)).toBe('1234567');
    expect(impliedCompanyNumber(chc.value)).toBeUndefined();
    expect(impliedCompanyNumber(coh.value)).toBe('09876543');
    expect(impliedCharityNumber(coh.value)).toBeUndefined();
  });
});
