import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { CommonException } from '../errors/domain.exception';
import { AcceptsNull } from '../errors/validation';

/** Relay connections everywhere: keyset pages over a monotonically increasing `seq` column. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE, { message: `first must not be greater than ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  @AcceptsNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T>(nodeType: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType]) edges: EdgeType[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'Number of records matching the filter, across all pages.' })
    totalCount?: number;
  }
  return ConnectionType;
}

export function encodeCursor(seq: string | number | bigint): string {
  return Buffer.from(`c1:${seq}`, 'utf8').toString('base64url');
}

/** Returns the `seq` the cursor points at; a malformed cursor is bad input, not a server error. */
export function decodeCursor(cursor: string | undefined | null): string | null {
  if (!cursor) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1:(\d{1,18})$/.exec(decoded);
  if (!match) throw CommonException.badInput('after is not a valid cursor', 'after');
  return match[1];
}

/**
 * Turns `first + 1` rows fetched in order into a page. `seqOf` reads the keyset column of a row.
 */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  seqOf: (row: R) => string | number | bigint,
  toNode: (row: R) => T,
  options: { totalCount?: number; hasPreviousPage?: boolean } = {},
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(seqOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: options.hasPreviousPage ?? false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: options.totalCount,
  };
}
