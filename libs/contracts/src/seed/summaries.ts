import pg from 'pg';

/**
 * The contract summaries (contracts' read model for spend) are kept by triggers on contract and
 * payment, row set by row set. A bulk load is faster with them paused and one rebuild at the end;
 * both within the load's transaction.
 */
export async function pauseContractSummaries(client: pg.ClientBase): Promise<void> {
  await client.query('ALTER TABLE contract DISABLE TRIGGER contract_summary_inserted');
  await client.query('ALTER TABLE payment DISABLE TRIGGER payment_summary_inserted');
}

/** Turns the summary triggers back on and recomputes the summaries from every contract and payment. */
export async function rebuildContractSummaries(client: pg.ClientBase): Promise<void> {
  await client.query('ALTER TABLE contract ENABLE TRIGGER contract_summary_inserted');
  await client.query('ALTER TABLE payment ENABLE TRIGGER payment_summary_inserted');
  await client.query('SELECT rebuild_contract_summary()');
}
