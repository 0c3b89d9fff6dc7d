import { OutcomeDirection } from '@mkt/reference';
import { variedTargetRefusal } from './varied-target';

const higher = { code: 'ETE-01', direction: OutcomeDirection.HIGHER_IS_BETTER, baseline: 0.3, target: 0.45 };
const lower = { code: 'RO-01', direction: OutcomeDirection.LOWER_IS_BETTER, baseline: 0.4, target: 0.3 };

describe('a varied target against its baseline', () => {
  it('allows a change that stays on the improving side', () => {
    expect(variedTargetRefusal(higher, 0.35)).toBeNull();
    expect(variedTargetRefusal(higher, 0.6)).toBeNull();
    expect(variedTargetRefusal(lower, 0.2)).toBeNull();
    expect(variedTargetRefusal(lower, 0.39)).toBeNull();
  });

  it('refuses a target on the deteriorating side', () => {
    expect(variedTargetRefusal(higher, 0.2)).toMatch(/must be above its baseline \(0.3\)/);
    expect(variedTargetRefusal(lower, 0.5)).toMatch(/must be below its baseline \(0.4\)/);
  });

  it('refuses lowering an improvement target onto the baseline, but keeps a maintained level', () => {
    expect(variedTargetRefusal(higher, 0.3)).toMatch(/may not be its baseline/);
    expect(variedTargetRefusal({ ...higher, target: 0.3 }, 0.3)).toBeNull();
    expect(variedTargetRefusal({ ...higher, target: 0.3 }, 0.4)).toBeNull();
    expect(variedTargetRefusal({ ...higher, target: 0.3 }, 0.25)).toMatch(/must be above/);
  });
});
