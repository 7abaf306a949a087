/*
 * A fake Step Functions service for the worker tests, on aws-sdk-client-mock: a queue of tasks
 * for GetActivityTask, and a record of every SendTask* call and whether it was accepted.
 *
 * Pitfalls handled (mocks of GetActivityTask in other workers' test suites spin or hide errors):
 * empty polls resolve after a delay (an
 * unstubbed mock resolves at once and the loop would spin); errors are real SDK exception
 * objects; the mock is reset for each fake.
 */
import { GetActivityTaskCommand, SFNClient, SFNServiceException, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';

export const ARN = 'arn:aws:states:us-east-1:123456789012:activity:orders';

/** A realistic token: base64-like, with the characters URL handling breaks. */
export function token(i: number): string {
  return `AAAAKgAAAAIAAAAAAAAAA+t0k/${i}==`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function throttling(): SFNServiceException {
  return new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' });
}

export function networkError(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

export function timedOut(): TaskTimedOut {
  return new TaskTimedOut({ message: 'Task Timed Out', $metadata: { httpStatusCode: 400 } });
}

/** What a hook can do with a SendTask* call: return to accept it, throw to reject it. */
export type Hook = (input: { taskToken: string; output?: string; error?: string; cause?: string }, attempt: number) => Promise<void> | void;

export interface Report {
  readonly kind: 'success' | 'failure';
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export class FakeSfn {
  public readonly mock: AwsClientStub<SFNClient>;
  public readonly queue: Array<{ taskToken: string; input?: string } | Error>;
  /** Accepted completions per token. */
  public readonly reports = new Map<string, Report[]>();
  /** Accepted heartbeats per token. */
  public readonly heartbeats = new Map<string, number>();
  public polls = 0;
  public pollsInFlight = 0;
  /** The most polls open at once. */
  public maxPollsInFlight = 0;
  public onPoll?: () => Promise<{ taskToken: string; input?: string } | undefined> | undefined;
  public onSuccess?: Hook;
  public onFailure?: Hook;
  public onHeartbeat?: Hook;
  private readonly attempts = new Map<string, number>();

  constructor(tasks: Array<{ taskToken: string; input?: string } | Error> = [], private readonly emptyPollMs = 5) {
    this.queue = [...tasks];
    this.mock = mockClient(SFNClient);
    this.mock.reset();
    this.mock.on(GetActivityTaskCommand).callsFake(async () => {
      this.polls++;
      this.pollsInFlight++;
      this.maxPollsInFlight = Math.max(this.maxPollsInFlight, this.pollsInFlight);
      try {
        if (this.onPoll) {
          const custom = await this.onPoll();
          if (custom) {
            return custom;
          }
        }
        const next = this.queue.shift();
        if (next instanceof Error) {
          throw next;
        }
        if (next) {
          return next;
        }
        await sleep(this.emptyPollMs);
        return { taskToken: '' };
      } finally {
        this.pollsInFlight--;
      }
    });
    this.mock.on(SendTaskSuccessCommand).callsFake(async (input) => {
      await this.call('success', this.onSuccess, input);
      this.record(input.taskToken, { kind: 'success', output: input.output });
      return {};
    });
    this.mock.on(SendTaskFailureCommand).callsFake(async (input) => {
      await this.call('failure', this.onFailure, input);
      this.record(input.taskToken, { kind: 'failure', error: input.error, cause: input.cause });
      return {};
    });
    this.mock.on(SendTaskHeartbeatCommand).callsFake(async (input) => {
      await this.call('heartbeat', this.onHeartbeat, input);
      this.heartbeats.set(input.taskToken, (this.heartbeats.get(input.taskToken) ?? 0) + 1);
      return {};
    });
  }

  /** A client the worker can use (aws-sdk-client-mock mocks every SFNClient). */
  public client(): SFNClient {
    return new SFNClient({ region: 'us-east-1' });
  }

  public reportsFor(taskToken: string): Report[] {
    return this.reports.get(taskToken) ?? [];
  }

  public totalReports(): number {
    return [...this.reports.values()].reduce((n, r) => n + r.length, 0);
  }

  /** Calls of a SendTask* API for a token, accepted or not. */
  public attemptsFor(kind: 'success' | 'failure' | 'heartbeat', taskToken: string): number {
    return this.attempts.get(`${kind}:${taskToken}`) ?? 0;
  }

  public restore(): void {
    this.mock.restore();
  }

  private async call(kind: string, hook: Hook | undefined, input: any): Promise<void> {
    const key = `${kind}:${input.taskToken}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    await hook?.(input, attempt);
  }

  private record(taskToken: string, report: Report): void {
    const list = this.reports.get(taskToken) ?? [];
    list.push(report);
    this.reports.set(taskToken, list);
  }
}

/** Waits until `condition()` holds, polling every few milliseconds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(2);
  }
}

/** Counts handlers running at once. */
export class ConcurrencyProbe {
  public current = 0;
  public max = 0;

  public async run<T>(fn: () => Promise<T>): Promise<T> {
    this.current++;
    this.max = Math.max(this.max, this.current);
    try {
      return await fn();
    } finally {
      this.current--;
    }
  }
}
