/**
 * What the bench needs to exercise one route: the data to prepare, a valid request for
 * every iteration, and the raw DynamoDB call of the same shape to compare it with.
 */
import type {
  DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

export interface User {
  sub: string;
  name?: string;
  groups?: ('staff' | 'moderator' | 'admin')[];
  strong?: boolean;
}

export interface BenchRequest {
  method: string;
  /** Path and query string. */
  path: string;
  /** Sent with a real signed token for this user; anonymous without. */
  as?: User;
  /** JSON unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BenchResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/** The running system as scenarios see it. */
export interface Bench {
  /** Sends a request to the local HTTP server. */
  send(request: BenchRequest): Promise<BenchResponse>;
  /** Sends a request to prepare data; fails unless it answers `expect` (default: any 2xx). */
  call<T = Record<string, unknown>>(request: BenchRequest, expect?: number): Promise<T>;
  /** Data several scenarios share, made once per run. */
  shared<T>(name: string, make: () => Promise<T>): Promise<T>;
  /** A signed token for `user`, as the local identity provider mints it. */
  token(user: User): Promise<string>;
  /** Unique per bench run, for idempotency keys and names. */
  runId: string;
}

/** A single DynamoDB call, sent by the bench's own document client. */
export type RawCommand = GetCommand | QueryCommand | PutCommand | UpdateCommand | DeleteCommand | TransactWriteCommand;

export interface Scenario<S = unknown> {
  /** Once, untimed: the data the route needs. */
  prepare(bench: Bench): Promise<S>;
  /**
   * Untimed: request number `i` (unique within the run). It must answer `expect` however
   * many times the route is called, so writes make what they need here (a new draft to
   * publish, a new voter).
   */
  request(bench: Bench, state: S, i: number): Promise<BenchRequest> | BenchRequest;
  /** The status every request must answer. */
  expect: number;
  /**
   * The raw DynamoDB call of the route's main shape: the same key for a get, the same
   * index and Limit for a list, the same items for a transaction (writes go to bench keys).
   * Omit when the route touches no table.
   */
  raw?(state: S, i: number): RawCommand;
  /** Untimed writes the raw call `i` needs first, e.g. the item it updates or deletes. */
  rawBefore?(state: S, i: number): RawCommand[];
}

/** Declares a scenario, typed by its own state. */
export const scenario = <S>(s: Scenario<S>): Scenario => s as unknown as Scenario;
