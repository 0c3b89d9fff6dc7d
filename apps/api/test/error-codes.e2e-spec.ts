import fs from 'node:fs';
import path from 'node:path';
import { AccessErrorCode, AccessException, ACCESS_ERROR_CODES } from '@mkt/auth';
import { BUDGET_ERROR_CODES, BudgetErrorCode, BudgetException } from '@mkt/budgets';
import { CATALOGUE_ERROR_CODES, CatalogueErrorCode, CatalogueException } from '@mkt/catalogue';
import { COMMON_ERROR_CODES, CommonErrorCode, CommonException, type DomainException, type ErrorCodeInfo, REQUEST_ERROR_CODES } from '@mkt/common';
import { CONTRACTS_ERROR_CODES, ContractsErrorCode, ContractsException } from '@mkt/contracts';
import { INVOICES_ERROR_CODES, InvoicesErrorCode, InvoicesException } from '@mkt/invoices';
import { ORDERING_ERROR_CODES, OrderingErrorCode, OrderingException } from '@mkt/ordering';
import { ORGANISATION_ERROR_CODES, OrganisationErrorCode, OrganisationException } from '@mkt/organisations';
import { PUBLICATION_ERROR_CODES, PublicationErrorCode, PublicationException } from '@mkt/publication';
import { SPEND_ERROR_CODES, SpendErrorCode, SpendException } from '@mkt/spend';

const DOCS_FILE = path.resolve(process.cwd(), 'docs/errors.md');

interface LibTable {
  lib: string;
  table: Record<string, ErrorCodeInfo>;
  /** Builds the lib's exception for a code, to check the status it reports; none for the request-level table. */
  raise?: (code: string) => DomainException;
}

const TABLES: LibTable[] = [
  { lib: 'common (request)', table: REQUEST_ERROR_CODES },
  { lib: 'common', table: COMMON_ERROR_CODES, raise: (code) => new CommonException(code as CommonErrorCode, 'x') },
  { lib: 'auth', table: ACCESS_ERROR_CODES, raise: (code) => new AccessException(code as AccessErrorCode, 'x') },
  { lib: 'budgets', table: BUDGET_ERROR_CODES, raise: (code) => new BudgetException(code as BudgetErrorCode, 'x') },
  { lib: 'catalogue', table: CATALOGUE_ERROR_CODES, raise: (code) => new CatalogueException(code as CatalogueErrorCode, 'x') },
  { lib: 'contracts', table: CONTRACTS_ERROR_CODES, raise: (code) => new ContractsException(code as ContractsErrorCode, 'x') },
  { lib: 'invoices', table: INVOICES_ERROR_CODES, raise: (code) => new InvoicesException(code as InvoicesErrorCode, 'x') },
  { lib: 'ordering', table: ORDERING_ERROR_CODES, raise: (code) => new OrderingException(code as OrderingErrorCode, 'x') },
  { lib: 'organisations', table: ORGANISATION_ERROR_CODES, raise: (code) => new OrganisationException(code as OrganisationErrorCode, 'x') },
  { lib: 'publication', table: PUBLICATION_ERROR_CODES, raise: (code) => new PublicationException(code as PublicationErrorCode, 'x') },
  { lib: 'spend', table: SPEND_ERROR_CODES, raise: (code) => new SpendException(code as SpendErrorCode, 'x') },
];

/** The statuses plain HTTP routes gave domain errors before the tables (a string switch): unchanged. */
const FORMER_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

function rows(): { code: string; lib: string; info: ErrorCodeInfo }[] {
  return TABLES.flatMap(({ lib, table }) => Object.entries(table).map(([code, info]) => ({ code, lib, info })));
}

function renderDocs(): string {
  const byCode = new Map<string, { lib: string; info: ErrorCodeInfo }[]>();
  for (const { code, lib, info } of rows()) byCode.set(code, [...(byCode.get(code) ?? []), { lib, info }]);
  const lines = [
    '# Error codes',
    '',
    'Generated from the code tables next to each exception type (`Record<XErrorCode, ErrorCodeInfo>`).',
    'Regenerate: `UPDATE_ERRORS=1 npm test -- error-codes`. Every GraphQL error carries one of these as `extensions.code`;',
    'HTTP is the status on plain HTTP routes (CSV exports, publications) or of the response carrying it.',
    '',
    '| Code | HTTP | Retryable | Lib | Meaning |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const code of [...byCode.keys()].sort()) {
    for (const { lib, info } of byCode.get(code) ?? []) {
      lines.push(`| \`${code}\` | ${info.httpStatus} | ${info.retryable ? 'yes' : 'no'} | ${lib} | ${info.meaning} |`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('error codes', () => {
  it('docs/errors.md is up to date with the tables', () => {
    const generated = renderDocs();
    if (process.env.UPDATE_ERRORS === '1') fs.writeFileSync(DOCS_FILE, generated);
    const committed = fs.existsSync(DOCS_FILE) ? fs.readFileSync(DOCS_FILE, 'utf8') : '';
    if (committed !== generated) {
      throw new Error('docs/errors.md is stale: run `UPDATE_ERRORS=1 npm test -- error-codes` and commit the result');
    }
  });

  it('the same code in two libs has the same HTTP status', () => {
    const statuses = new Map<string, Set<number>>();
    for (const { code, info } of rows()) statuses.set(code, (statuses.get(code) ?? new Set()).add(info.httpStatus));
    const inconsistent = [...statuses].filter(([, seen]) => seen.size > 1).map(([code, seen]) => `${code}: ${[...seen].join(', ')}`);
    expect(inconsistent).toEqual([]);
  });

  it('each exception reports the HTTP status of its table, as the former switch did (others 400)', () => {
    for (const { lib, table, raise } of TABLES) {
      if (!raise) continue;
      for (const [code, info] of Object.entries(table)) {
        const exception = raise(code);
        expect({ lib, code, status: exception.httpStatus }).toEqual({ lib, code, status: info.httpStatus });
        expect({ lib, code, status: exception.httpStatus }).toEqual({ lib, code, status: FORMER_STATUS[code] ?? 400 });
      }
    }
  });
});
