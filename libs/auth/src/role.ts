import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  COMMISSIONER = 'COMMISSIONER',
  PROVIDER = 'PROVIDER',
  DIRECTORATE = 'DIRECTORATE',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
  /** Approves orders of its `regions` at the REGIONAL_DIRECTOR level of the scheme of delegation. */
  REGIONAL_DIRECTOR = 'REGIONAL_DIRECTOR',
  /** The commercial directorate: approves orders of any region at the COMMERCIAL level. */
  COMMERCIAL = 'COMMERCIAL',
}

registerEnumType(Role, { name: 'Role', description: 'What a token allows its holder to do.' });

export const ALL_ROLES: Role[] = Object.values(Role);

/**
 * A role name from a token or the command line: exactly one of the names, letter case aside. Only
 * ASCII a-z are upper-cased (String#toUpperCase would fold "commıssıoner" with a dotless i, or a long
 * s, into a real role), and nothing is trimmed (" ADMIN" is not ADMIN).
 */
export function parseRole(value: string): Role | undefined {
  const upper = value.replace(/[a-z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) - 32));
  return (ALL_ROLES as string[]).includes(upper) ? (upper as Role) : undefined;
}
