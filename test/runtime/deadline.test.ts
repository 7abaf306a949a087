import { createSendClient } from '../../src/runtime/clients';
import { Calls } from '../../src/runtime/deadline';
import { RequestTimeoutError, WorkerShuttingDownError } from '../../src/runtime/errors';

interface SilentClient {
  send: (command: unknown, options: { abortSignal: any }) => Promise<never>;
  signals: any[];
  middlewareStack?: unknown;
}

/** A client that never answers and records the signal it was given. */
function silentClient(sdk: boolean): SilentClient {
  const signals: any[] = [];
  return {
    ...(sdk ? { middlewareStack: { add: () => undefined } } : {}),
    signals,
    send: (_command, options) => {
      signals.push(options.abortSignal);
      return new Promise<never>(() => undefined);
    },
  };
}

describe('Calls', () => {
  test('rejects with RequestTimeoutError (SW617) at the deadline and aborts the platform signal of a non-SDK client', async () => {
    const client = silentClient(false);
    const calls = new Calls();
    await expect(calls.send(client, {}, 'SendTaskSuccess', 20)).rejects.toThrow(RequestTimeoutError);
    expect(client.signals[0]).toBeInstanceOf(AbortSignal);
    expect(client.signals[0].aborted).toBe(true);
    expect(client.signals[0].reason).toMatchObject({ code: 'SW617', operation: 'SendTaskSuccess', timeoutMs: 20 });
  });

  test('gives an AWS SDK client the SDK\'s own signal shape and calls its onabort at the deadline', async () => {
    const client = silentClient(true);
    const calls = new Calls();
    const aborted: unknown[] = [];
    const pending = calls.send(client, {}, 'GetActivityTask', 20);
    client.signals[0].onabort = (event: unknown) => aborted.push(event);
    await expect(pending).rejects.toThrow(/GetActivityTask got no complete answer within 20 ms/);
    expect(client.signals[0]).not.toBeInstanceOf(AbortSignal);
    expect(client.signals[0]).toMatchObject({ aborted: true, reason: expect.any(RequestTimeoutError) });
    expect(aborted).toEqual([{ type: 'abort' }]);
  });

  test('a client from createSendClient times the request out itself: the deadline goes as its requestTimeout, no signal', async () => {
    const client = createSendClient({ region: 'us-east-1' });
    const options: unknown[] = [];
    let answer: (error: Error) => void = () => undefined;
    (client as any).send = (_command: unknown, opts: unknown) => {
      options.push(opts);
      return new Promise<never>((_resolve, reject) => {
        answer = reject;
      });
    };
    const calls = new Calls();
    // The handler's own TimeoutError at requestTimeout becomes RequestTimeoutError.
    const first = calls.send(client, {}, 'SendTaskSuccess', 1_000);
    answer(Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 1000 ms requestTimeout.'), { name: 'TimeoutError' }));
    await expect(first).rejects.toMatchObject({ name: 'RequestTimeoutError', code: 'SW617', timeoutMs: 1_000 });
    expect(options).toEqual([{ requestTimeout: 1_000 }]);
    // And if the handler does not end it (a response still arriving), the worker's timer does.
    await expect(calls.send(client, {}, 'SendTaskSuccess', 20)).rejects.toThrow(RequestTimeoutError);
    client.destroy();
  });

  test('abortAll ends open calls and sleeps at once, and every later call', async () => {
    const calls = new Calls();
    const reason = new WorkerShuttingDownError('stop deadline');
    const open = calls.send(silentClient(true), {}, 'GetActivityTask', 60_000);
    const sleeping = calls.sleep(60_000);
    calls.abortAll(reason);
    await expect(open).rejects.toBe(reason);
    await expect(sleeping).resolves.toBeUndefined();
    await expect(calls.send(silentClient(true), {}, 'GetActivityTask', 60_000)).rejects.toBe(reason);
    expect(calls.aborted).toBe(true);
  });

  test('passes the answer through and clears its deadline', async () => {
    const calls = new Calls();
    const client = { send: async () => ({ taskToken: 't' }) };
    await expect(calls.send(client, {}, 'GetActivityTask', 1_000)).resolves.toEqual({ taskToken: 't' });
    await expect(calls.send({ send: async () => { throw new Error('boom'); } }, {}, 'GetActivityTask', 1_000)).rejects.toThrow('boom');
  });
});
