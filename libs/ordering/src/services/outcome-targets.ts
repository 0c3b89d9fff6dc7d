import { EntityManager } from 'typeorm';
import { OutcomeDirection, ReferenceService } from '@mkt/reference';
import { PlaceOrderInput } from '../dtos/order.inputs';
import { OutcomeTargetView } from '../dtos/order.types';
import { OutcomeTargetKind } from '../ordering.enums';
import { OrderingException } from '../ordering.exception';
import { equalWeights } from '../rules/order-terms';
import { outcomeTargetRefusal } from '../rules/outcome-terms';

type Commitment = { measureCode: string; measureName: string; unit: string; direction: OutcomeTargetView['direction']; expectedRate: number };
type Baselines = PlaceOrderInput['outcomeBaselines'];

/**
 * Given targets (validated) or the offer's commitments at their expected rates, with baselines
 * from the commissioner (a target's own, else outcomeBaselines, else 0 when higher is better),
 * equal weights unless given. Every target must be on the better side of its baseline, or be a
 * MAINTAIN_AT_LEAST target equal to it: no outcome money for deterioration.
 */
export async function resolveOutcomeTargets(
  reference: ReferenceService,
  em: EntityManager,
  given: PlaceOrderInput['outcomeTargets'] | null,
  commitments: Commitment[],
  baselines: Baselines | null = null,
): Promise<OutcomeTargetView[]> {
  const baselineOf = baselineLookup(baselines);
  if (!given) {
    const weights = equalWeights(commitments.length);
    return commitments.map((c, i) =>
      checked(
        { ...c, baseline: baselineOf(c.measureCode, c.direction), target: c.expectedRate, weight: weights[i], kind: OutcomeTargetKind.IMPROVE },
        true,
      ),
    );
  }
  const codes = given.map((t) => t.measureCode);
  if (new Set(codes).size !== codes.length) throw OrderingException.badInput('outcomeTargets', 'each outcome measure may appear once');
  const measures = await reference.assertMeasures(em, codes, 'outcomeTargets.measureCode');
  const withWeights = given.filter((t) => t.weight !== undefined && t.weight !== null).length;
  if (withWeights !== 0 && withWeights !== given.length) {
    throw OrderingException.badInput('outcomeTargets.weight', 'give a weight on every target or on none');
  }
  const weights = withWeights ? given.map((t) => t.weight!) : equalWeights(given.length);
  if (weights.reduce((a, b) => a + b, 0) !== 100) throw OrderingException.badInput('outcomeTargets.weight', 'weights must sum to 100');
  return given.map((t, i) => {
    const measure = measures.get(t.measureCode)!;
    const base = { measureCode: measure.code, measureName: measure.name, unit: measure.unit, direction: measure.direction };
    return checked(
      {
        ...base,
        baseline: t.baseline ?? baselineOf(measure.code, measure.direction),
        target: t.target,
        weight: weights[i],
        kind: t.kind ?? OutcomeTargetKind.IMPROVE,
      },
      false,
    );
  });
}

function baselineLookup(baselines: Baselines | null): (code: string, direction: OutcomeTargetView['direction']) => number {
  const given = new Map((baselines ?? []).map((b) => [b.measureCode, b.baseline]));
  return (code, direction) => {
    const baseline = given.get(code);
    if (baseline !== undefined) return baseline;
    if (direction === OutcomeDirection.LOWER_IS_BETTER)
      throw OrderingException.badInput('outcomeBaselines', `${code} is lower-is-better: give the commissioner's current rate as its baseline`);
    return 0;
  };
}

function checked(target: OutcomeTargetView & { expectedRate?: number }, fromOffer: boolean): OutcomeTargetView {
  const { expectedRate: _expectedRate, ...view } = target;
  const kind = view.kind === OutcomeTargetKind.MAINTAIN_AT_LEAST ? 'MAINTAIN_AT_LEAST' : view.direction;
  const refusal = outcomeTargetRefusal(kind, view.baseline, view.target, view.measureCode);
  if (refusal)
    throw OrderingException.badInput(
      'outcomeTargets.target',
      fromOffer ? `${refusal} (the offer's expected rate is the default target: give outcomeTargets)` : refusal,
    );
  return view;
}
