import { parsePence } from '@mkt/common';
import { awardRouteRefusal, runningTotalFlags } from './award-route';
import { approvalLevelFor, DEFAULT_SCHEME, parseScheme } from './delegation';

const threshold = parsePence('663540.00');
const route = (
  r: Parameters<typeof awardRouteRefusal>[0]['route'],
  value: string,
  extra: { justification?: string; frameworkReference?: string } = {},
) => awardRouteRefusal({ route: r, valuePence: parsePence(value), lightTouchThresholdPence: threshold, ...extra });

describe('award routes', () => {
  it('allows a below-threshold direct award only below the light-touch threshold', () => {
    expect(route('LIGHT_TOUCH_DIRECT_AWARD', '663539.99')).toBeNull();
    expect(route('LIGHT_TOUCH_DIRECT_AWARD', '663540.00')).toMatch(/Schedule 5/);
  });

  it('needs a justification for a Schedule 5 ground, at any value', () => {
    expect(route('URGENT_NEED', '700000.00')).toMatch(/justification/);
    expect(route('URGENT_NEED', '700000.00', { justification: 'short' })).toMatch(/justification/);
    expect(route('URGENT_NEED', '700000.00', { justification: 'Approved premises closed by fire; bed spaces needed from Monday.' })).toBeNull();
  });

  it('needs the framework named for a call-off', () => {
    expect(route('FRAMEWORK_CALL_OFF', '900000.00')).toMatch(/framework/);
    expect(route('FRAMEWORK_CALL_OFF', '900000.00', { frameworkReference: 'HMPPS-DPS-2025-014' })).toBeNull();
  });
});

describe('running totals', () => {
  const limits = { noticePence: parsePence('12000.00'), lightTouchThresholdPence: threshold };
  it('flags the contract details notice once the total passes GBP 12,000, however the orders are split', () => {
    expect(runningTotalFlags(0n, parsePence('12000.00'), limits)).toEqual([]);
    expect(runningTotalFlags(parsePence('11000.00'), parsePence('1000.01'), limits)).toEqual(['CONTRACT_DETAILS_NOTICE_DUE']);
    expect(runningTotalFlags(parsePence('600000.00'), parsePence('63540.00'), limits)).toEqual([
      'CONTRACT_DETAILS_NOTICE_DUE',
      'LIGHT_TOUCH_THRESHOLD_REACHED',
    ]);
  });
});

describe('scheme of delegation', () => {
  it('names the level an amount needs', () => {
    expect(approvalLevelFor(parsePence('25000.00'))).toBe('NONE');
    expect(approvalLevelFor(parsePence('25000.01'))).toBe('PEER_COMMISSIONER');
    expect(approvalLevelFor(parsePence('100000.01'))).toBe('REGIONAL_DIRECTOR');
    expect(approvalLevelFor(parsePence('500000.01'))).toBe('COMMERCIAL');
  });

  it('reads a configured scheme in any order', () => {
    const scheme = parseScheme('COMMERCIAL:250000.00, PEER_COMMISSIONER:10000.00', parsePence);
    expect(approvalLevelFor(parsePence('10000.01'), scheme)).toBe('PEER_COMMISSIONER');
    expect(approvalLevelFor(parsePence('300000.00'), scheme)).toBe('COMMERCIAL');
    expect(() => parseScheme('BOSS:1.00', parsePence)).toThrow(/delegation band/);
    expect(DEFAULT_SCHEME).toHaveLength(3);
  });
});
