import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  COMMISSIONER = 'COMMISSIONER',
  PROVIDER = 'PROVIDER',
  DIRECTORATE = 'DIRECTORATE',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'What a token allows its holder to do.' });

export const ALL_ROLES: Role[] = Object.values(Role);

export function parseRole(value: string): Role | undefined {
  const upper = value.trim().toUpperCase();
  return (ALL_ROLES as string[]).includes(upper) ? (upper as Role) : undefined;
}
