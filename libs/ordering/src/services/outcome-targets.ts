import { EntityManager } from 'typeorm';
import { ReferenceService } from '@mkt/reference';
import { PlaceOrderInput } from '../dtos/order.inputs';
import { OutcomeTargetView } from '../dtos/order.types';
import { OrderingException } from '../ordering.exception';
import { equalWeights } from '../rules/order-terms';

type Commitment = { measureCode: string; measureName: string; unit: string; direction: OutcomeTargetView['direction']; expectedRate: number };

/** Given targets (validated) or the offer's commitments at their expected rates, baseline 0, equal weights. */
export async function resolveOutcomeTargets(
  reference: ReferenceService,
  em: EntityManager,
  given: PlaceOrderInput['outcomeTargets'] | null,
  commitments: Commitment[],
): Promise<OutcomeTargetView[]> {
  if (!given) {
    const weights = equalWeights(commitments.length);
    return commitments.map((c, i) => ({
      measureCode: c.measureCode,
      measureName: c.measureName,
      unit: c.unit,
      direction: c.direction,
      baseline: 0,
      target: c.expectedRate,
      weight: weights[i],
    }));
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
    return {
      measureCode: measure.code,
      measureName: measure.name,
      unit: measure.unit,
      direction: measure.direction,
      baseline: t.baseline ?? 0,
      target: t.target,
      weight: weights[i],
    };
  });
}
