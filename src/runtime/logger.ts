/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields of one log line. */
export type LogFields = Record<string, unknown>;

/**
 * Where the runtime logs. Plug in your own (pino, winston, Powertools Logger: each has these four
 * methods with a message and an object, in one order or the other, so wrap it in a few lines).
 */
export interface Logger {
  /** Logs detail for troubleshooting (every poll, every heartbeat). */
  debug(message: string, fields?: LogFields): void;
  /** Logs what happens in normal operation (a worker started, a task finished). */
  info(message: string, fields?: LogFields): void;
  /** Logs what recovers by itself but deserves a look (a retried call, a back-off). */
  warn(message: string, fields?: LogFields): void;
  /** Logs what failed (a report that could not be delivered, a fatal poll error). */
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Options of `JsonLogger`. */
export interface JsonLoggerOptions {
  /**
   * The lowest level written.
   *
   * @default - `STEPWISE_LOG_LEVEL` from the environment, else 'info'
   */
  readonly level?: LogLevel;

  /**
   * Fields added to every line (e.g. `{ service: 'orders-worker' }`).
   *
   * @default - none
   */
  readonly fields?: LogFields;

  /**
   * Where lines go.
   *
   * @default - `process.stdout` for debug and info, `process.stderr` for warn and error
   */
  readonly write?: (line: string, level: LogLevel) => void;
}

/**
 * The default logger: one JSON object per line (`{"level":"info","time":"...","msg":"...",...}`),
 * which CloudWatch Logs Insights and most log pipelines parse without configuration. Error
 * values in fields are written with their name, message and code.
 */
export class JsonLogger implements Logger {
  private readonly min: number;
  private readonly fields: LogFields;
  private readonly write: (line: string, level: LogLevel) => void;

  constructor(options: JsonLoggerOptions = {}) {
    const fromEnv = process.env.STEPWISE_LOG_LEVEL as LogLevel | undefined;
    this.min = ORDER[options.level ?? (fromEnv && fromEnv in ORDER ? fromEnv : 'info')];
    this.fields = options.fields ?? {};
    this.write = options.write ?? ((line, level) => (ORDER[level] >= ORDER.warn ? process.stderr : process.stdout).write(line + '\n'));
  }

  /** Writes a `debug` line, if the level is enabled. */
  public debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }

  /** Writes an `info` line, if the level is enabled. */
  public info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }

  /** Writes a `warn` line, if the level is enabled. */
  public warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }

  /** Writes an `error` line, if the level is enabled. */
  public error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  /** Whether lines of this level are written (callers skip building costly fields otherwise). */
  public enabled(level: LogLevel): boolean {
    return ORDER[level] >= this.min;
  }

  private log(level: LogLevel, message: string, fields?: LogFields): void {
    if (ORDER[level] < this.min) {
      return;
    }
    const line: LogFields = { level, time: new Date().toISOString(), msg: message, ...this.fields };
    for (const [key, value] of Object.entries(fields ?? {})) {
      line[key] = value instanceof Error ? describeError(value) : value;
    }
    let text: string;
    try {
      text = JSON.stringify(line);
    } catch {
      text = JSON.stringify({ level, time: line.time, msg: message, note: 'fields not serializable' });
    }
    this.write(text, level);
  }
}

/** A logger that writes nothing. */
export class SilentLogger implements Logger {
  /** Writes nothing. */
  public debug(): void {}
  /** Writes nothing. */
  public info(): void {}
  /** Writes nothing. */
  public warn(): void {}
  /** Writes nothing. */
  public error(): void {}
}

/** An error as plain JSON: name, message, and the AWS `code`/`$metadata` bits that help. */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) {
    return { message: String(error) };
  }
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  return {
    name: e.name,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.$metadata?.httpStatusCode !== undefined ? { httpStatusCode: e.$metadata.httpStatusCode } : {}),
    ...(e.$metadata?.requestId !== undefined ? { requestId: e.$metadata.requestId } : {}),
  };
}
