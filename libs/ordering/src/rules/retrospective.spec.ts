import { retrospectiveCheck } from './retrospective';

describe('retrospective orders', () => {
  const check = (startDate: string, route = 'URGENT_NEED') => retrospectiveCheck({ startDate, today: '2026-12-03', route, windowDays: 30 });

  it('lets an order start today or later on any route', () => {
    expect(check('2026-12-03', 'LIGHT_TOUCH_DIRECT_AWARD')).toEqual({ retrospective: false, refusal: null });
  });

  it('allows a past start only for URGENT_NEED, within the window', () => {
    expect(check('2026-11-03')).toEqual({ retrospective: true, refusal: null });
    expect(check('2026-11-02').refusal).toMatch(/more than 30 days.*earliest allowed is 2026-11-03/);
    expect(check('2026-12-02', 'CONTINUITY_OF_CARE').refusal).toMatch(/only an URGENT_NEED/);
  });
});
