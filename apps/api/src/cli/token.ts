/**
 * `npm run --silent token -- --role commissioner --region north-west --sub alice`
 * Prints a token signed with the local development key in DATA_DIR, and nothing else on stdout.
 * Not for production: there tokens come from the identity provider.
 */
import path from 'node:path';
import { issueLocalToken, parseRole, Role } from '@mkt/auth';
import { REGIONS_2026 } from '@mkt/reference';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.stderr.write('usage: npm run --silent token -- --role <role> [--role <role>] [--region <code>]... [--org <org-id>] [--sub <name>]\n');
  process.exit(2);
}

export function parseTokenArgs(argv: string[]): { roles: Role[]; regions: string[]; org?: string; sub?: string } {
  const roles: Role[] = [];
  const regions: string[] = [];
  let org: string | undefined;
  let sub: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    switch (flag) {
      case '--role': {
        const raw = value();
        const role = parseRole(raw);
        if (!role) fail(`unknown role "${raw}"; roles are ${Object.values(Role).join(', ').toLowerCase()}`);
        roles.push(role);
        break;
      }
      case '--region': {
        const code = value();
        if (!REGIONS_2026.some(([c]) => c === code)) fail(`unknown region "${code}"; regions are ${REGIONS_2026.map(([c]) => c).join(', ')}`);
        regions.push(code);
        break;
      }
      case '--org':
        org = value();
        break;
      case '--sub':
        sub = value();
        break;
      default:
        fail(`unknown option ${flag}`);
    }
  }
  if (!roles.length) fail('give at least one --role');
  return { roles: [...new Set(roles)], regions: [...new Set(regions)], org, sub };
}

async function main() {
  if (process.env.NODE_ENV === 'production') fail('local tokens are not accepted in production; use the identity provider');
  const args = parseTokenArgs(process.argv.slice(2));
  const sub = args.sub ?? `${args.roles[0].toLowerCase()}-${args.regions[0] ?? args.org ?? 'user'}`.toLowerCase();
  const token = await issueLocalToken(path.resolve(process.env.DATA_DIR || '.data'), {
    sub,
    roles: args.roles,
    regions: args.regions,
    org: args.org,
  });
  process.stdout.write(`${token}\n`);
}

void main();
