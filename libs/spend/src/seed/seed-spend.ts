import pg from 'pg';

/**
 * The spend summaries are kept by triggers on contract and payment, row set by row set. A bulk
 * load is faster with them paused and one rebuild at the end; both within the load's transaction.
 */
export async function pauseSpendSummaries(client: pg.ClientBase): Promise<void> {
  await client.query('ALTER TABLE contract DISABLE TRIGGER spend_contract_inserted');
  await client.query('ALTER TABLE payment DISABLE TRIGGER spend_payment_inserted');
}

/** Turns the summary triggers back on and recomputes the summaries from every contract and payment. */
export async function rebuildSpendSummaries(client: pg.ClientBase): Promise<void> {
  await client.query('ALTER TABLE contract ENABLE TRIGGER spend_contract_inserted');
  await client.query('ALTER TABLE payment ENABLE TRIGGER spend_payment_inserted');
  await client.query('SELECT rebuild_spend_summary()');
}
