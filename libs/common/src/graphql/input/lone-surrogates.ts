import { GraphQLError } from 'graphql';

/**
 * Lone UTF-16 surrogates: JSON allows "\ud800", JavaScript keeps it, but it is not Unicode text.
 * PostgreSQL, UTF-8 encoders, `encodeURIComponent` and log pipelines each do something different
 * with it (replace, throw, drop), so it is refused once, for every variable, before any resolver
 * runs. The parser already refuses them in the document's own string literals.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface LoneSurrogate {
  /** Where it was found: `input.legalName`, `ids.2`; a key's own path ends with the key. */
  path: string;
  /** The code unit, as U+D800. */
  unit: string;
}

/** The first lone surrogate in a JSON value (strings and object keys), walked without recursion. */
export function findLoneSurrogate(value: unknown, root: string): LoneSurrogate | undefined {
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      const match = LONE_SURROGATE.exec(current);
      if (match) return { path, unit: `U+${match[0].charCodeAt(0).toString(16).toUpperCase()}` };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) pending.push([current[i], `${path}.${i}`]);
    } else if (current && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current).reverse()) {
        const at = `${path}.${key}`;
        const inKey = LONE_SURROGATE.exec(key);
        if (inKey) return { path: at, unit: `U+${inKey[0].charCodeAt(0).toString(16).toUpperCase()}` };
        pending.push([inner, at]);
      }
    }
  }
  return undefined;
}

/** The error for the first variable holding a lone surrogate; undefined when all are well formed. */
export function loneSurrogateError(variables: Record<string, unknown> | undefined): GraphQLError | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const found = findLoneSurrogate(value, name);
    if (!found) continue;
    return new GraphQLError(`Variable "$${name}" at "${found.path}" holds a lone UTF-16 surrogate (${found.unit}); send well-formed Unicode text`, {
      extensions: { code: 'BAD_USER_INPUT', field: found.path, http: { status: 400 } },
    });
  }
  return undefined;
}

/** The part of Apollo's plugin interface used here (structural: Apollo ships ESM and CJS typings). */
export interface LoneSurrogatePlugin {
  requestDidStart(): Promise<{
    didResolveOperation(context: { request: { variables?: Record<string, unknown> } }): Promise<void>;
  }>;
}

/** Refuses (400, BAD_USER_INPUT) any request whose variables hold a lone surrogate, before execution. */
export function loneSurrogatePlugin(): LoneSurrogatePlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request }) {
          const error = loneSurrogateError(request.variables);
          return error ? Promise.reject(error) : Promise.resolve();
        },
      });
    },
  };
}
