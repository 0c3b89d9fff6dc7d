/**
 * `npm run token -- --role commissioner --region north-west --sub alice`
 * Prints a token signed with the local development key in DATA_DIR, and nothing else on stdout.
 * Not for production: there tokens come from the identity provider. `--help` explains the options.
 */
import path from 'node:path';
import { issueLocalToken, LOCAL_TOKEN_TTL_SECONDS, parseRole, Role } from '@mkt/auth';
import { REGIONS_2026 } from '@mkt/reference';

const REGION_CODES = REGIONS_2026.map(([code]) => code);
const MIN_LIFETIME_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export const USAGE = `usage: npm run token -- --role <role> [--role <role>] [--region <code>]... [--org <org-id>] [--sub <name>] [--expires-in <time>]

Prints a development token on stdout: a JWT signed with the local key in DATA_DIR (default .data),
which the app accepts outside production only.

  --role <role>        ${Object.values(Role).join(', ').toLowerCase()} (any case); may repeat.
                       commissioner and provider cannot be combined: the buying and the selling
                       side of the market are different people.
  --region <code>      a region the commissioner buys for (or the regional director approves for);
                       required with --role commissioner and --role regional_director; may repeat.
                       Regions: ${REGION_CODES.join(', ')}
  --org <org-id>       the organisation a provider acts for, e.g. GB-CHC-9990001; required with --role provider
  --sub <name>         the user the token names (default: made from the role and the region or org)
  --expires-in <time>  lifetime: a number and s, m, h or d (30m, 12h, 7d); default 12h, from 1m to 30d
  -h, --help           this text

Examples:
  npm run token -- --role commissioner --region north-west --sub alice
  npm run token -- --role provider --org GB-CHC-9990001 --sub northway-bids
  npm run token -- --role directorate --sub dee --expires-in 30m
  TOKEN=$(npm run token -- --role admin)
`;

/** A wrong command line: the message says what to change (exit code 2, as for any usage error). */
export class TokenUsageError extends Error {}

export interface TokenArgs {
  help: boolean;
  roles: Role[];
  regions: string[];
  org?: string;
  sub?: string;
  lifetimeSeconds: number;
}

function parseLifetime(raw: string): number {
  const match = /^(\d+)([smhd])$/.exec(raw.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : NaN;
  if (!(seconds >= MIN_LIFETIME_SECONDS && seconds <= MAX_LIFETIME_SECONDS)) {
    throw new TokenUsageError(`--expires-in must be a number and s, m, h or d from 1m to 30d, such as 30m or 12h (got "${raw}")`);
  }
  return seconds;
}

export function parseTokenArgs(argv: string[]): TokenArgs {
  const args: TokenArgs = { help: false, roles: [], regions: [], lifetimeSeconds: LOCAL_TOKEN_TTL_SECONDS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new TokenUsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { ...args, help: true };
      case '--role': {
        const raw = value();
        const role = parseRole(raw);
        if (!role) throw new TokenUsageError(`unknown role "${raw}"; roles are ${Object.values(Role).join(', ').toLowerCase()}`);
        args.roles.push(role);
        break;
      }
      case '--region': {
        const code = value();
        if (!REGION_CODES.includes(code)) throw new TokenUsageError(`unknown region "${code}"; regions are ${REGION_CODES.join(', ')}`);
        args.regions.push(code);
        break;
      }
      case '--org':
        args.org = value();
        break;
      case '--sub':
        args.sub = value();
        break;
      case '--expires-in':
        args.lifetimeSeconds = parseLifetime(value());
        break;
      default:
        throw new TokenUsageError(`unknown option ${flag}`);
    }
  }
  return checkClaims({ ...args, roles: [...new Set(args.roles)], regions: [...new Set(args.regions)] });
}

/** The claims each role needs, so that a token the app would refuse or misread is never printed. */
function checkClaims(args: TokenArgs): TokenArgs {
  if (!args.roles.length) throw new TokenUsageError('give at least one --role');
  if (args.roles.includes(Role.COMMISSIONER) && args.roles.includes(Role.PROVIDER)) {
    throw new TokenUsageError('a token is either COMMISSIONER (buying) or PROVIDER (selling), not both: mint two tokens');
  }
  if (args.roles.includes(Role.PROVIDER) && !args.org) {
    throw new TokenUsageError('a PROVIDER token needs --org <org-id>, the organisation it acts for (e.g. --org GB-CHC-9990001)');
  }
  if (args.roles.includes(Role.COMMISSIONER) && !args.regions.length) {
    throw new TokenUsageError('a COMMISSIONER token needs --region <code>, a region it buys for (e.g. --region north-west)');
  }
  if (args.roles.includes(Role.REGIONAL_DIRECTOR) && !args.regions.length) {
    throw new TokenUsageError('a REGIONAL_DIRECTOR token needs --region <code>, a region whose orders it approves (e.g. --region north-west)');
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseTokenArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (process.env.NODE_ENV === 'production') throw new TokenUsageError('local tokens are not accepted in production; use the identity provider');
  const sub = args.sub ?? `${args.roles[0]}-${args.regions[0] ?? args.org ?? 'user'}`.toLowerCase();
  const token = await issueLocalToken(
    path.resolve(process.env.DATA_DIR || '.data'),
    { sub, roles: args.roles, regions: args.regions, org: args.org },
    args.lifetimeSeconds,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  const usage = error instanceof TokenUsageError;
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  if (usage) process.stderr.write('See: npm run token -- --help\n');
  process.exit(usage ? 2 : 1);
});
