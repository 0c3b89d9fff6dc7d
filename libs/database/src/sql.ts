import { EntityManager } from 'typeorm';

/**
 * `EntityManager.query` returns rows for SELECT and INSERT but `[rows, rowCount]` for UPDATE and
 * DELETE. Services go through these helpers so every statement gives rows back the same way.
 */
export async function queryRows<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await em.query(text, params);
  if (isUpdateResult(result)) return result[0] as T[];
  return (result ?? []) as T[];
}

export async function queryOne<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(em, text, params))[0];
}

/** Number of rows an UPDATE or DELETE changed. */
export async function execute(em: EntityManager, text: string, params: unknown[] = []): Promise<number> {
  const result: unknown = await em.query(text, params);
  if (isUpdateResult(result)) return result[1];
  return Array.isArray(result) ? result.length : 0;
}

function isUpdateResult(result: unknown): result is [unknown[], number] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
}
