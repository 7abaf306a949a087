import * as http from 'http';
import * as https from 'https';
import { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { QUOTAS } from '../core/quotas';

/**
 * What the runtime needs of a Step Functions client: `send(command, { abortSignal })`. An
 * `SFNClient` from `@aws-sdk/client-sfn` v3, or a test double.
 */
export interface SfnClientLike {
  /** Sends a command (`GetActivityTaskCommand`, `SendTaskSuccessCommand`, ...) and resolves to its output. */
  send(command: any, options?: any): Promise<any>;
}

/** Options of `createPollClient` and `createSendClient`. */
export interface SfnClientFactoryOptions {
  /**
   * The AWS Region.
   *
   * @default - the SDK's default chain (`AWS_REGION`, profile)
   */
  readonly region?: string;

  /**
   * The most sockets open at once (per protocol).
   *
   * @default - 14 for a poll client (10 polls and a margin), 50 for a send client
   */
  readonly maxSockets?: number;

  /**
   * The deadline of each request, in milliseconds: past it the handler destroys the request and
   * the call fails with a `TimeoutError` (`requestTimeout` with `throwOnRequestTimeout: true`).
   * The socket also times out after this long without a byte (`socketTimeout`).
   *
   * @default - 70000 for a poll client (`POLL_REQUEST_TIMEOUT_MS`), 10000 for a send client (`SEND_REQUEST_TIMEOUT_MS`)
   */
  readonly requestTimeoutMs?: number;

  /**
   * How long a TCP (and TLS) connection may take to open, in milliseconds.
   *
   * @default 5000
   */
  readonly connectionTimeoutMs?: number;

  /**
   * More `SFNClient` configuration (an `endpoint` such as a VPC endpoint, `credentials`), merged
   * over the factory's.
   *
   * @default - none
   */
  readonly clientConfig?: SFNClientConfig;
}

/**
 * The deadline of a GetActivityTask long poll, in milliseconds: 70 s, above the 65 s AWS asks
 * workers to allow (the service holds a poll up to 60 s). A poll still silent then is not held by
 * the service any more: its connection is dead (half-open, a dropped NAT entry).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
 */
export const POLL_REQUEST_TIMEOUT_MS = (QUOTAS.activityPollSocketTimeout.value + 5) * 1000;

/** The deadline of one SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat attempt, in milliseconds. */
export const SEND_REQUEST_TIMEOUT_MS = 10_000;

/** How long a connection may take to open, in milliseconds. */
export const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * A client for GetActivityTask long polls: every request has a 70 s deadline that is enforced
 * (`requestTimeout` + `throwOnRequestTimeout`, and `socketTimeout` for a silent socket: in
 * `@smithy/node-http-handler` 4.x `requestTimeout` alone only logs a warning), and there is a
 * socket for every poll plus a margin. The SDK's own retries are off (`maxAttempts: 1`): the worker
 * retries with its own backoff, so a throttled call is not retried twice over.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
 */
export function createPollClient(options: SfnClientFactoryOptions = {}): SFNClient {
  return createClient(options, options.maxSockets ?? 14, options.requestTimeoutMs ?? POLL_REQUEST_TIMEOUT_MS);
}

/**
 * A client for SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: a 10 s deadline per request,
 * and its own socket pool, so that a heartbeat never waits for a free socket behind long polls
 * (with one shared pool of 50 sockets and 50 open polls, a heartbeat waited 2.8 s instead of 3 ms;
 * up to 60 s against the real service).
 */
export function createSendClient(options: SfnClientFactoryOptions = {}): SFNClient {
  return createClient(options, options.maxSockets ?? 50, options.requestTimeoutMs ?? SEND_REQUEST_TIMEOUT_MS);
}

/**
 * Whether `client` is an AWS SDK v3 client (it has a middleware stack). Its request handler, like
 * every SDK v3 handler, takes the SDK's own abort signal shape (`{ aborted, onabort }`) as well as
 * the platform's.
 */
export function isSdkClient(client: unknown): boolean {
  return typeof (client as { middlewareStack?: { add?: unknown } } | null)?.middlewareStack?.add === 'function';
}

/**
 * Clients made by the factories above: their handler destroys a request at its `requestTimeout`
 * (`throwOnRequestTimeout`) and takes a per-call `requestTimeout` in the `send` options.
 */
const SELF_TIMED = new WeakSet<object>();

/** Whether `client` came from `createPollClient` or `createSendClient`. */
export function isSelfTimedClient(client: unknown): boolean {
  return typeof client === 'object' && client !== null && SELF_TIMED.has(client);
}

function createClient(options: SfnClientFactoryOptions, maxSockets: number, timeoutMs: number): SFNClient {
  const client = new SFNClient({
    region: options.region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: timeoutMs,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
    }),
    ...options.clientConfig,
  });
  SELF_TIMED.add(client);
  return client;
}

/** The Region of an activity ARN (`arn:aws:states:eu-west-1:123456789012:activity:name`). */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[3] ? parts[3] : undefined;
}
