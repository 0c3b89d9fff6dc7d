/**
 * The statement capture at the start of a run: one request of each workload to the app, then to the
 * floor, with PostgreSQL logging every statement, so a floor that drifts from the app shows up.
 */
import { BenchData, Workload } from '../workloads';
import { BenchDatabase, logSize, readStatements } from './database';
import { bodyOf } from './load';
import { log, sleep } from './log';
import { Server } from './processes';
import { Capture } from './report';

const CONTROL = /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SET|SAVEPOINT|RELEASE)\b/i;
export const isControl = (sql: string) => CONTROL.test(sql);

/** The statements that open the app's transactions (the floor opens its own the same way). */
export function leadingControl(statements: string[]): string[] {
  const begin: string[] = [];
  for (const s of statements) {
    if (!isControl(s)) break;
    begin.push(s);
  }
  return begin.length ? begin : ['START TRANSACTION'];
}

export async function post(url: string, workload: Workload, request: { token: string; variables: Record<string, unknown> }) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
    body: bodyOf(workload, request.variables),
  });
  const text = await response.text();
  const header = response.headers.get('x-sql-statements');
  const error = response.status !== 200 || text.includes('"errors"') ? `${response.status} ${text.slice(0, 500)}` : undefined;
  return { status: response.status, sqlStatements: header === null ? undefined : Number(header), error };
}

/** Twenty requests of each workload: JIT, key loading and pools warm before anything is captured or measured. */
export async function warm(url: string, workloads: Workload[], data: BenchData): Promise<void> {
  for (const w of workloads) for (let i = 0; i < 20; i++) await post(url, w, w.requests(data)());
}

/** What one request of `workload` to `url` sends to the database, by application name. */
async function statementsOf(db: BenchDatabase, url: string, workload: Workload, data: BenchData, applicationName: string) {
  const offset = logSize(db.logFile);
  const response = await post(url, workload, workload.requests(data)());
  await sleep(400);
  return { response, statements: readStatements(db.logFile, offset).get(applicationName) ?? [] };
}

/** The app's side of the capture (statement logging must be on). */
export async function captureApp(db: BenchDatabase, app: Server, workloads: Workload[], data: BenchData): Promise<Capture> {
  const capture: Capture = {};
  for (const w of workloads) {
    const { response, statements } = await statementsOf(db, app.url, w, data, 'mkt-api');
    capture[w.id] = { appHeader: response.sqlStatements, appStatements: statements, appError: response.error };
  }
  const w2 = workloads.find((w) => w.id === 'W2');
  if (w2) {
    capture.W2.byPageSize = {};
    for (const first of [10, 50, 100]) {
      const response = await post(app.url, w2, { token: data.tokens.commissioner, variables: { first } });
      capture.W2.byPageSize[first] = response.sqlStatements;
    }
  }
  return capture;
}

/** The floor's side, compared with the app's statement by statement. */
export async function captureFloor(db: BenchDatabase, floor: Server, workloads: Workload[], data: BenchData, capture: Capture): Promise<void> {
  for (const w of workloads) {
    const { response, statements } = await statementsOf(db, floor.url, w, data, 'bench-floor');
    const c = capture[w.id];
    c.floorStatements = statements;
    c.floorError = response.error;
    c.same = JSON.stringify(c.appStatements) === JSON.stringify(statements);
    c.dataStatements = c.appStatements.filter((s: string) => !isControl(s)).length;
    if (!c.same) log(`WARNING ${w.id}: the floor's statements differ from the app's (see the results' capture section)`);
  }
}

export function printCapture(workloads: Workload[], capture: Capture) {
  for (const w of workloads) {
    const c = capture[w.id];
    log(`${w.id}: ${c.dataStatements} data statements (x-sql-statements ${c.appHeader}); floor ${c.same ? 'sends the same statements' : 'DIFFERS'}`);
    if (c.appError) log(`  app error: ${c.appError}`);
    if (c.floorError) log(`  floor error: ${c.floorError}`);
    for (const s of c.appStatements) log(`    app   | ${s.slice(0, 160)}`);
    if (!c.same) for (const s of c.floorStatements ?? []) log(`    floor | ${s.slice(0, 160)}`);
  }
  if (capture.W2?.byPageSize) log(`W2 data statements by page size: ${JSON.stringify(capture.W2.byPageSize)}`);
}
