/*
 * A Step Functions API server on 127.0.0.1 for the over-the-wire fault tests: it speaks the AWS
 * JSON 1.0 protocol a real SFNClient sends (`X-Amz-Target: AWSStepFunctions.<Operation>`,
 * `application/x-amz-json-1.0`, errors as JSON with `__type`), keeps a queue of activity tasks,
 * and misbehaves on request: hangs, resets, answers slowly, drips bytes, answers HTML 503s,
 * throttles, or answers `ActivityWorkerLimitExceeded` past a number of open polls.
 *
 * It keeps the books like the service: a token is handed out once; the first completion of a token
 * is accepted and any later one answered `TaskTimedOut`; a task whose poll response never reached
 * the worker (its connection closed first) is closed, as the service would time it out.
 * Only loopback traffic; every socket is destroyed by `close()`.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createPollClient, createSendClient } from '../../src/runtime';

/** What the server does with one request. */
export type Fault =
  | { readonly kind: 'ok' }
  /** Accepts the request and never answers. */
  | { readonly kind: 'hang' }
  /** Destroys the connection once the request is read, before processing it. */
  | { readonly kind: 'reset' }
  /** Processes the request (a completion is recorded), then destroys the connection: the answer is lost. */
  | { readonly kind: 'processThenReset' }
  /** Answers after `ms`. */
  | { readonly kind: 'slow'; readonly ms: number }
  /**
   * Processes, then sends the status line and headers at once and the body one byte every
   * `everyMs`. `empty`: a poll answers no task (a padded `{}`), whatever the queue holds.
   */
  | { readonly kind: 'drip'; readonly everyMs: number; readonly empty?: boolean }
  /** A 503 with an HTML body, as a load balancer in front of a service would send. */
  | { readonly kind: 'html503' }
  /** 400 ThrottlingException. */
  | { readonly kind: 'throttle' };

/** A request as the fault script sees it. */
export interface Call {
  /** `GetActivityTask`, `SendTaskSuccess`, `SendTaskFailure` or `SendTaskHeartbeat`. */
  readonly operation: string;
  /** The how-manieth request of this operation (from 1). */
  readonly index: number;
  /** The parsed JSON body. */
  readonly body: { taskToken?: string; [key: string]: unknown };
}

export interface ServerOptions {
  /** How long an empty poll is held before it answers no task, in milliseconds. */
  readonly emptyPollHoldMs?: number;
  /** Open polls past this many are answered `ActivityWorkerLimitExceeded` (the service's 1,000 per ARN). */
  readonly maxOpenPolls?: number;
}

const JSON_TYPE = 'application/x-amz-json-1.0';

export class StepFunctionsServer {
  public readonly queue: Array<{ taskToken: string; input: string }> = [];
  /** Tokens handed out by a poll. */
  public readonly handedOut = new Set<string>();
  /** Accepted completions per token. */
  public readonly completions = new Map<string, Array<{ kind: 'success' | 'failure'; output?: string; error?: string }>>();
  /** Tokens the server closed: their poll answer never reached the worker (the service would time them out). */
  public readonly closedByServer = new Set<string>();
  /** Completions answered TaskTimedOut because the token was already completed or closed. */
  public duplicateCompletions = 0;
  /** Requests per operation. */
  public readonly requests = new Map<string, number>();
  /** The most tasks handed out and not yet completed or closed, at any time. */
  public maxOutstanding = 0;
  /** Connections the server saw close before it answered (aborted by the client, or reset by the server). */
  public abortedByClient = 0;

  private readonly server: http.Server;
  private readonly sockets = new Set<import('net').Socket>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private openPolls = 0;
  private readonly emptyPollHoldMs: number;
  private readonly maxOpenPolls: number;

  constructor(options: ServerOptions = {}) {
    this.emptyPollHoldMs = options.emptyPollHoldMs ?? 100;
    this.maxOpenPolls = options.maxOpenPolls ?? Infinity;
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Decides what to do with each request (default: answer normally). */
  public fault: (call: Call) => Fault = () => ({ kind: 'ok' });

  /** Listens on 127.0.0.1, on a free port. */
  public async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds `n` tasks to the queue; their tokens are `prefix-0` ... */
  public addTasks(n: number, prefix = 'task'): string[] {
    const tokens = Array.from({ length: n }, (_, i) => `${prefix}-${i}+/=`);
    for (const [i, taskToken] of tokens.entries()) {
      this.queue.push({ taskToken, input: JSON.stringify({ n: i }) });
    }
    return tokens;
  }

  /** A poll client and a send client pointed at this server (the runtime's factories, fake credentials, short deadlines). */
  public clients(requestTimeoutMs = { poll: 5_000, send: 5_000 }): { pollClient: SFNClient; client: SFNClient } {
    const clientConfig = { endpoint: this.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback' } };
    return {
      pollClient: createPollClient({ clientConfig, requestTimeoutMs: requestTimeoutMs.poll, connectionTimeoutMs: 1_000 }),
      client: createSendClient({ clientConfig, requestTimeoutMs: requestTimeoutMs.send, connectionTimeoutMs: 1_000 }),
    };
  }

  /** Stops listening and destroys every connection and timer. */
  public async close(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Whether every task was handed out and has exactly one accepted completion, or was closed by the server. */
  public accounting(): { lost: string[]; duplicated: string[]; completed: number; closed: number } {
    const lost: string[] = this.queue.map((t) => t.taskToken);
    const duplicated: string[] = [];
    let completed = 0;
    for (const token of this.handedOut) {
      const n = this.completions.get(token)?.length ?? 0;
      if (n > 1) {
        duplicated.push(token);
      } else if (n === 1) {
        completed++;
      } else if (!this.closedByServer.has(token)) {
        lost.push(token);
      }
    }
    return { lost, duplicated, completed, closed: this.closedByServer.size };
  }

  private outstanding(): number {
    let n = 0;
    for (const token of this.handedOut) {
      if (!this.completions.has(token) && !this.closedByServer.has(token)) {
        n++;
      }
    }
    return n;
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
      const index = (this.requests.get(operation) ?? 0) + 1;
      this.requests.set(operation, index);
      let body: Call['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        body = {};
      }
      res.on('close', () => {
        if (!res.writableFinished) {
          this.abortedByClient++;
        }
      });
      const fault = this.fault({ operation, index, body });
      switch (fault.kind) {
        case 'hang':
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'html503':
          res.writeHead(503, { 'content-type': 'text/html' });
          res.end('<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
          return;
        case 'throttle':
          this.error(res, 'ThrottlingException', 'Rate exceeded');
          return;
        case 'slow':
          this.later(fault.ms, () => this.process(operation, body, res, fault));
          return;
        default:
          this.process(operation, body, res, fault);
      }
    });
  }

  private process(operation: string, body: Call['body'], res: http.ServerResponse, fault: Fault): void {
    if (res.destroyed) {
      return;
    }
    const send = (status: number, payload: unknown, token?: string) => this.answer(res, status, payload, fault, token);
    switch (operation) {
      case 'GetActivityTask': {
        if (this.openPolls >= this.maxOpenPolls) {
          this.error(res, 'ActivityWorkerLimitExceeded', 'The maximum number of workers concurrently polling for activity tasks has been reached.');
          return;
        }
        const next = fault.kind === 'drip' && fault.empty ? undefined : this.queue.shift();
        if (fault.kind === 'drip' && fault.empty) {
          send(200, {});
          return;
        }
        if (next) {
          this.handedOut.add(next.taskToken);
          this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding());
          send(200, next, next.taskToken);
          return;
        }
        this.openPolls++;
        let held = true;
        res.on('close', () => {
          if (held) {
            held = false;
            this.openPolls--;
          }
        });
        this.later(this.emptyPollHoldMs, () => {
          if (held) {
            held = false;
            this.openPolls--;
            send(200, {});
          }
        });
        return;
      }
      case 'SendTaskSuccess':
      case 'SendTaskFailure': {
        const token = String(body.taskToken);
        if (!this.handedOut.has(token)) {
          this.error(res, 'TaskDoesNotExist', 'Task does not exist');
          return;
        }
        if (this.completions.has(token) || this.closedByServer.has(token)) {
          this.duplicateCompletions++;
          this.error(res, 'TaskTimedOut', 'Task Timed Out: the task has already been closed');
          return;
        }
        this.completions.set(token, [operation === 'SendTaskSuccess'
          ? { kind: 'success', output: String(body.output) }
          : { kind: 'failure', error: String(body.error) }]);
        send(200, {});
        return;
      }
      case 'SendTaskHeartbeat': {
        const token = String(body.taskToken);
        if (this.completions.has(token) || this.closedByServer.has(token)) {
          this.error(res, 'TaskTimedOut', 'Task Timed Out');
          return;
        }
        send(200, {});
        return;
      }
      default:
        this.error(res, 'UnknownOperationException', `unknown operation ${operation}`);
    }
  }

  /** Answers, or applies the fault's way of (not) answering; a task whose answer never arrives is closed. */
  private answer(res: http.ServerResponse, status: number, payload: unknown, fault: Fault, token?: string): void {
    if (token) {
      res.on('close', () => {
        if (!res.writableFinished) {
          this.closedByServer.add(token);
        }
      });
    }
    if (fault.kind === 'processThenReset') {
      res.socket?.destroy();
      return;
    }
    const text = fault.kind === 'drip' && fault.empty ? `{${' '.repeat(38)}}` : JSON.stringify(payload);
    const headers = { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'loopback' };
    if (fault.kind === 'drip') {
      res.writeHead(status, headers);
      let i = 0;
      const drip = () => {
        if (res.destroyed) {
          return;
        }
        res.write(text[i++]);
        if (i < text.length) {
          this.later(fault.everyMs, drip);
        } else {
          res.end();
        }
      };
      drip();
      return;
    }
    res.writeHead(status, headers);
    res.end(text);
  }

  private error(res: http.ServerResponse, type: string, message: string): void {
    const text = JSON.stringify({ __type: `com.amazonaws.swf.service.v2.model#${type}`, message });
    res.writeHead(400, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': 'loopback' });
    res.end(text);
  }
}
