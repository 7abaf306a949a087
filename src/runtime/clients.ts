import * as http from 'http';
import * as https from 'https';
import { SFNClient } from '@aws-sdk/client-sfn';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { QUOTAS } from '../validation/quotas';

/**
 * What the runtime needs of a Step Functions client: `send(command, { abortSignal })`. An
 * `SFNClient` from `@aws-sdk/client-sfn` v3, or a test double.
 */
export interface SfnClientLike {
  send(command: any, options?: any): Promise<any>;
}

/** Options for the clients the runtime creates when you pass none. */
export interface ClientOptions {
  /**
   * The AWS Region.
   *
   * @default - the Region in the activity ARN (worker), else the SDK's default chain (`AWS_REGION`, profile)
   */
  readonly region?: string;
}

/** How long a poll may stay silent before the client gives up: above the 65 s AWS asks for. */
export const POLL_REQUEST_TIMEOUT_MS = (QUOTAS.activityPollSocketTimeout.value + 5) * 1000;

/** Socket and request timeouts of the client that sends SendTask* calls. */
export const SEND_REQUEST_TIMEOUT_MS = 10_000;

/**
 * The client for GetActivityTask long polls: requests may stay open for the 60 s the service holds
 * a poll, so its socket timeout is 70 s (AWS: "at least 65 seconds"), and it has a socket for every
 * poll plus a margin. The SDK's own retries are off (`maxAttempts: 1`): the worker retries with
 * its own backoff, so a throttled call is not retried twice over.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
 */
export function createPollClient(region: string | undefined, maxPolls: number): SFNClient {
  return new SFNClient({
    region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5_000,
      requestTimeout: POLL_REQUEST_TIMEOUT_MS,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: maxPolls + 4 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: maxPolls + 4 }),
    }),
  });
}

/**
 * The client for SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: its own socket pool, so
 * that a heartbeat never waits for a free socket behind long polls (with one shared pool of 50
 * sockets and 50 open polls, a heartbeat waited 2.8 s instead of 3 ms; up to 60 s against the
 * real service).
 */
export function createSendClient(region: string | undefined, maxSockets: number): SFNClient {
  return new SFNClient({
    region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5_000,
      requestTimeout: SEND_REQUEST_TIMEOUT_MS,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
    }),
  });
}

/** The Region of an activity ARN (`arn:aws:states:eu-west-1:123456789012:activity:name`). */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[3] ? parts[3] : undefined;
}
