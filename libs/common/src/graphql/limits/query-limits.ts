import { GraphQLError, Kind, ValidationContext, ValidationRule } from 'graphql';
import { analyseOperation, CostModel, QueryMetrics } from './query-analysis';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export interface QueryLimits {
  maxDepth: number;
  /** Field selections once fragments are expanded (see QueryMetrics.fields). */
  maxFields: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

const LIMITS: { metric: keyof QueryMetrics; limit: keyof QueryLimits; what: string }[] = [
  { metric: 'depth', limit: 'maxDepth', what: 'Query depth' },
  // Before the others: once over it the walk stopped early, so they are lower bounds only.
  { metric: 'fields', limit: 'maxFields', what: 'Number of fields (fragments expanded)' },
  { metric: 'aliases', limit: 'maxAliases', what: 'Number of aliases' },
  { metric: 'directives', limit: 'maxDirectives', what: 'Number of directives' },
  { metric: 'cost', limit: 'maxCost', what: 'Query cost' },
];

/** The first limit the operation breaks, as the error the client receives; undefined when within limits. */
export function limitViolation(metrics: QueryMetrics, limits: QueryLimits): GraphQLError | undefined {
  for (const { metric, limit, what } of LIMITS) {
    if (metrics[metric] <= limits[limit]) continue;
    if (metric === 'fields') {
      // Counting stopped just past the limit: the exact number is unknown (and may be astronomical).
      return new GraphQLError(`${what} is more than ${limits.maxFields}; ask for less in one request, or spread each fragment once`, {
        extensions: { code: QUERY_TOO_COMPLEX, limit: metric, max: limits[limit] },
      });
    }
    return new GraphQLError(`${what} is ${metrics[metric]}, more than the limit of ${limits[limit]}; ask for less in one request`, {
      extensions: { code: QUERY_TOO_COMPLEX, limit: metric, max: limits[limit], actual: metrics[metric] },
    });
  }
  return undefined;
}

/** Enough to reach graphql-js's default `maxErrors` (100), which makes it stop validating. */
const ABORT_AFTER = 101;

/**
 * Checks every operation of the document against the limits as soon as validation starts (on the
 * document node, before any other rule has looked at a selection). Some standard rules (overlapping
 * fields) take time that grows fast with the document, so when a limit is broken this rule reports
 * the error until graphql-js's error limit stops the whole validation; `queryLimitsPlugin` then
 * removes the repeats. Apollo caches validated documents, so this runs once per distinct document.
 * The token limit is the parser's (`parseOptions.maxTokens`).
 */
export function queryLimitsRule(limits: QueryLimits, model: CostModel): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const metrics = analyseOperation(context.getSchema(), document, definition, { ...model, stopAboveFields: limits.maxFields });
        const violation = limitViolation(metrics, limits);
        if (!violation) continue;
        for (let i = 0; i < ABORT_AFTER; i += 1) context.reportError(violation);
        return false;
      }
      return undefined;
    },
  });
}

/** The part of Apollo's plugin interface used here (structural: Apollo ships ESM and CJS typings). */
export interface QueryLimitsPlugin {
  requestDidStart(): Promise<{
    validationDidStart(): Promise<(errors?: readonly Error[]) => Promise<void>>;
  }>;
}

/**
 * When a limit was broken, the client gets that one error: the repeats and graphql-js's "too many
 * validation errors" are dropped before Apollo builds the response (it reads the same array).
 */
export function queryLimitsPlugin(): QueryLimitsPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        validationDidStart() {
          // Apollo calls this without awaiting it: the array is changed before it returns.
          return Promise.resolve((errors?: readonly Error[]) => {
            const violations = errors?.filter((e) => e instanceof GraphQLError && e.extensions?.code === QUERY_TOO_COMPLEX);
            if (errors && violations?.length) (errors as Error[]).splice(0, errors.length, ...new Set(violations));
            return Promise.resolve();
          });
        },
      });
    },
  };
}
