/** What a workload is, and what the orchestrator and the floor hand it. */
import { FloorDb } from '../lib/sql-client';

/** The caller as the floor sees it after verifying the same bearer token the app gets. */
export interface FloorPrincipal {
  sub: string;
  roles: string[];
  regions: string[];
  org?: string;
}

export interface FloorContext {
  db: FloorDb;
  principal: FloorPrincipal;
  /** PDU code -> region code, read once at start (the app keeps the same in memory). */
  pduRegions: Map<string, string>;
  approvalThresholdPence: bigint;
  responseDays: number;
}

/** What the orchestrator knows about the seeded database when it builds requests. */
export interface BenchData {
  today: string;
  financialYear: string;
  /** Published offers with a PDU each covers, across all regions. */
  spreadTargets: OrderTarget[];
  /** Published offers covering PDUs of the hot region only. */
  hotTargets: OrderTarget[];
  hotRegion: string;
  organisationIds: string[];
  tokens: {
    /** A commissioner per region (W1 picks the one matching the PDU). */
    commissionerOf: Record<string, string>;
    /** A commissioner of one region, for the reads. */
    commissioner: string;
    directorate: string;
  };
  /** Financial years present in the data (for W3). */
  financialYears: string[];
}

export interface OrderTarget {
  offerId: string;
  pduCode: string;
  regionCode: string;
}

export interface BenchRequest {
  token: string;
  variables: Record<string, unknown>;
}

export interface Workload {
  id: string;
  title: string;
  /** Operation name in the document; the floor dispatches on it. */
  operationName: string;
  document: string;
  /** Root field that must exist in the schema (checked by introspection); skipped otherwise. */
  requires: { type: 'Query' | 'Mutation'; field: string };
  /** True when requests write (the capture then also checks the rows it adds). */
  writes: boolean;
  /** A generator of request bodies: called once per request by autocannon. */
  requests(data: BenchData): () => BenchRequest;
  /** The floor: the same SQL through raw pg; returns the `data` of the GraphQL response. */
  floor: (ctx: FloorContext, variables: FloorVariables) => Promise<unknown>;
}

/** Request variables as the floor gets them: parsed JSON, narrowed by each handler. */
export type FloorVariables = Record<string, unknown>;

/** Round-robin over `items`. */
export const pick = <T>(items: T[], i: number): T => items[i % items.length];
