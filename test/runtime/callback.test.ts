import { InvalidToken, TaskDoesNotExist } from '@aws-sdk/client-sfn';
import { FakeSfn, networkError, throttling, timedOut } from './fake-sfn';
import { DeliveryError, InvalidOutputError, InvalidTaskTokenError, TaskTokenClient, TaskTokens, sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from '../../src/runtime';

// A real-looking token: base64 with + / = (the characters URL handling breaks).
const TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAcs+u9/1J0ZJ7mMQzDkHcWIt/QHPgbjf+3y7lK2w8Z0dN1dT9=';

let fake: FakeSfn;
afterEach(() => fake.restore());

function tokens(): TaskTokenClient {
  return new TaskTokenClient({ client: fake.client(), retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
}

describe('TaskTokenClient', () => {
  test('succeed sends the token unchanged and the output as JSON', async () => {
    fake = new FakeSfn();
    await expect(tokens().succeed(TOKEN, { approved: true })).resolves.toEqual({ outcome: 'delivered', attempts: 1 });
    expect(fake.reportsFor(TOKEN)).toEqual([{ kind: 'success', output: '{"approved":true}' }]);
  });

  test('fail sends the error and cause within their limits; an Error becomes a Lambda-style cause', async () => {
    fake = new FakeSfn();
    await tokens().fail(TOKEN, 'Approval.Rejected', 'no budget');
    await tokens().fail(TOKEN, 'X'.repeat(300), 'y'.repeat(40_000));
    await tokens().fail(TOKEN, new RangeError('amount too high'));
    const [rejected, long, error] = fake.reportsFor(TOKEN);
    expect(rejected).toEqual({ kind: 'failure', error: 'Approval.Rejected', cause: 'no budget' });
    expect(long.error!.length).toBe(256);
    expect(long.cause!.length).toBe(32_768);
    expect(error.error).toBe('RangeError');
    expect(JSON.parse(error.cause!)).toMatchObject({ errorType: 'RangeError', errorMessage: 'amount too high' });
  });

  test('a SendTaskSuccess that never answers is aborted at timeoutMs and retried: delivered once', async () => {
    fake = new FakeSfn();
    fake.onSuccess = (_input, attempt) => (attempt === 1 ? new Promise<never>(() => undefined) : undefined);
    const client = new TaskTokenClient({ client: fake.client(), timeoutMs: 30, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    await expect(client.succeed(TOKEN, 'ok')).resolves.toEqual({ outcome: 'delivered', attempts: 2 });
    expect(fake.reportsFor(TOKEN)).toHaveLength(1);
    expect(() => new TaskTokenClient({ client: fake.client(), timeoutMs: 0 })).toThrow(/\[SW610\] timeoutMs is 0/);
  });

  test('heartbeat is delivered; a closed task is an outcome, not an exception', async () => {
    fake = new FakeSfn();
    await expect(tokens().heartbeat(TOKEN)).resolves.toEqual({ outcome: 'delivered', attempts: 1 });
    fake.onHeartbeat = () => {
      throw new TaskDoesNotExist({ message: 'gone', $metadata: {} });
    };
    await expect(tokens().heartbeat(TOKEN)).resolves.toEqual({ outcome: 'closed', attempts: 1, serviceError: 'TaskDoesNotExist' });
  });

  test('a second completion (double click) answers closed', async () => {
    fake = new FakeSfn();
    let completed = false;
    fake.onSuccess = () => {
      if (completed) {
        throw timedOut();
      }
      completed = true;
    };
    const client = tokens();
    await expect(client.succeed(TOKEN, 'yes')).resolves.toMatchObject({ outcome: 'delivered' });
    await expect(client.succeed(TOKEN, 'yes')).resolves.toEqual({ outcome: 'closed', attempts: 1, serviceError: 'TaskTimedOut' });
  });

  test('retries throttling; a retry after a network error that answers TaskTimedOut is possiblyDelivered', async () => {
    fake = new FakeSfn();
    fake.onSuccess = (_input, attempt) => {
      if (attempt === 1) {
        throw throttling();
      }
    };
    await expect(tokens().succeed(TOKEN, 1)).resolves.toEqual({ outcome: 'delivered', attempts: 2 });

    fake.onFailure = (_input, attempt) => {
      throw attempt === 1 ? networkError() : timedOut();
    };
    await expect(tokens().fail(TOKEN, 'E')).resolves.toEqual({ outcome: 'possiblyDelivered', attempts: 2, serviceError: 'TaskTimedOut' });
  });

  test('throws DeliveryError (SW614) after maxAttempts', async () => {
    fake = new FakeSfn();
    fake.onHeartbeat = () => {
      throw throttling();
    };
    const error = await tokens().heartbeat(TOKEN).catch((e) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'SW614', operation: 'SendTaskHeartbeat', attempts: 4 });
  });

  test('throws DeliveryError at once for an error no retry can fix (access denied)', async () => {
    fake = new FakeSfn();
    fake.onSuccess = () => {
      throw Object.assign(new Error('not authorized to perform: states:SendTaskSuccess'), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    };
    await expect(tokens().succeed(TOKEN, 1)).rejects.toThrow(/\[SW614\] SendTaskSuccess failed with AccessDeniedException, which a retry cannot fix/);
    expect(fake.attemptsFor('success', TOKEN)).toBe(1);
  });

  test('InvalidToken from the service throws InvalidTaskTokenError (SW612)', async () => {
    fake = new FakeSfn();
    fake.onSuccess = () => {
      throw new InvalidToken({ message: 'Invalid Token', $metadata: {} });
    };
    await expect(tokens().succeed(TOKEN, 1)).rejects.toThrow(InvalidTaskTokenError);
  });

  test.each([
    ['', /task token is empty/],
    ['a'.repeat(2049), /task token is 2049 characters long\. Limit: 2,048 characters/],
    [TOKEN.replace('+', ' '), /contains whitespace: a '\+' in it was probably decoded as a space/],
  ])('fails before sending anything when the token is %#: %s', async (token, message) => {
    fake = new FakeSfn();
    await expect(tokens().succeed(token, 1)).rejects.toThrow(InvalidTaskTokenError);
    await expect(tokens().fail(token, 'E')).rejects.toThrow(message);
    await expect(tokens().heartbeat(token)).rejects.toThrow(/\[SW612\]/);
    expect(fake.mock.calls()).toHaveLength(0);
  });

  test('succeed refuses output Step Functions would reject (SW611), and sends nothing', async () => {
    fake = new FakeSfn();
    await expect(tokens().succeed(TOKEN, { blob: 'x'.repeat(262_145) })).rejects.toThrow(/\[SW611\] The task output is 262,156 bytes of JSON\. Limit: 262,144 bytes/);
    await expect(tokens().succeed(TOKEN, { n: BigInt(2) })).rejects.toThrow(InvalidOutputError);
    expect(fake.mock.calls()).toHaveLength(0);
  });
});

describe('sendTaskSuccess / sendTaskFailure / sendTaskHeartbeat', () => {
  test('use one shared client', async () => {
    fake = new FakeSfn();
    await sendTaskSuccess(TOKEN, { ok: 1 });
    await sendTaskFailure(TOKEN, 'E', 'c');
    await sendTaskHeartbeat(TOKEN);
    expect(fake.reportsFor(TOKEN)).toEqual([{ kind: 'success', output: '{"ok":1}' }, { kind: 'failure', error: 'E', cause: 'c' }]);
    expect(fake.heartbeats.get(TOKEN)).toBe(1);
  });
});

describe('TaskTokens', () => {
  test('round-trips a token with + / = through a URL-safe form', () => {
    const safe = TaskTokens.toUrlSafe(TOKEN);
    expect(safe).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new URL(`https://example.com/approve?t=${safe}`).searchParams.get('t')).toBe(safe);
    expect(TaskTokens.fromUrlSafe(safe)).toBe(TOKEN);
  });

  test('fails when the value is not URL-safe base64', () => {
    expect(() => TaskTokens.fromUrlSafe('abc+/=')).toThrow(/\[SW612\] The value is not a URL-safe task token/);
  });
});
