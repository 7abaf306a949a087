import * as fs from 'fs';
import { CODES } from '../../core/codes';
import { StepwiseError } from '../../core/errors';

/** A position in a text, 1-based, as editors show it. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Reads an ASL file (SW020). */
export function readAslFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new StepwiseError({
      code: CODES.SW020,
      statePath: '',
      message: `the ASL file '${file}' cannot be read: ${(e as Error).message}`,
      actual: `'${file}'`,
    });
  }
}

/**
 * Parses ASL text. `JSON.parse` words its errors differently from one Node version to the next
 * and often without a position, so a scan of the text finds where the JSON breaks (SW021, with
 * line and column). The same scan finds keys given twice in one object, which `JSON.parse` would
 * silently drop: two states of one name in a `States` object (SW002), or any other duplicate
 * field (SW021).
 *
 * @param text the definition as JSON text
 * @param where what the text is, for messages (`file 'orders.asl.json'`, `the string`)
 */
export function parseAslText(text: string, where: string): Record<string, unknown> {
  const problem = new JsonScanner(text).scan();
  if (problem) {
    const { line, column } = positionOf(text, problem.offset);
    const snippet = text.split('\n')[line - 1]?.trim().slice(0, 80) ?? '';
    if (problem.duplicateKey !== undefined && problem.inStates) {
      throw new StepwiseError({
        code: CODES.SW002,
        statePath: problem.duplicateKey,
        message: `${where} names the state '${problem.duplicateKey}' twice in one States object (line ${line}, column ${column}); JSON parsers keep only the last one`,
        actual: `line ${line}, column ${column}: ${snippet}`,
        fix: 'rename one of the two states (and the transitions to it)',
      });
    }
    throw new StepwiseError({
      code: CODES.SW021,
      statePath: '',
      message: `${where} is not valid JSON: ${problem.message} at line ${line}, column ${column}`,
      actual: `line ${line}, column ${column}: ${snippet}`,
    });
  }
  return checkShape(JSON.parse(text), where);
}

/** SW022: an ASL definition is an object with a `StartAt` string and a `States` object. */
export function checkShape(value: unknown, where: string): Record<string, unknown> {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(value) || typeof value.StartAt !== 'string' || !isObject(value.States)) {
    const found = !isObject(value)
      ? (Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`)
      : `an object with ${Object.keys(value).slice(0, 6).map((k) => `'${k}'`).join(', ') || 'no fields'}`;
    throw new StepwiseError({
      code: CODES.SW022,
      statePath: '',
      message: `${where} is not a state machine definition: it is ${found}`,
      limit: 'an object with a StartAt string and a States object',
      actual: found,
    });
  }
  return value;
}

interface ScanProblem {
  readonly offset: number;
  readonly message: string;
  /** The key given twice, for a duplicate. */
  readonly duplicateKey?: string;
  /** Whether the duplicate is in a `States` object (two states of one name). */
  readonly inStates?: boolean;
}

class ScanError extends Error {
  constructor(public readonly problem: ScanProblem) {
    super(problem.message);
  }
}

/** A strict JSON (RFC 8259) scanner that reports where the text breaks, and duplicate keys. */
class JsonScanner {
  private i = 0;

  constructor(private readonly text: string) {}

  public scan(): ScanProblem | undefined {
    try {
      this.ws();
      this.value(undefined);
      this.ws();
      if (this.i < this.text.length) {
        this.fail(`unexpected '${this.text[this.i]}' after the end of the document`);
      }
      return undefined;
    } catch (e) {
      if (e instanceof ScanError) {
        return e.problem;
      }
      throw e;
    }
  }

  private fail(message: string, offset = this.i): never {
    throw new ScanError({ offset, message });
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) {
      this.i++;
    }
  }

  private describeHere(): string {
    return this.i >= this.text.length ? 'the end of the text' : `'${this.text[this.i]}'`;
  }

  private value(key: string | undefined): void {
    const c = this.text[this.i];
    if (c === '{') {
      this.object(key === 'States');
    } else if (c === '[') {
      this.array();
    } else if (c === '"') {
      this.string();
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      this.number();
    } else if (this.text.startsWith('true', this.i)) {
      this.i += 4;
    } else if (this.text.startsWith('false', this.i)) {
      this.i += 5;
    } else if (this.text.startsWith('null', this.i)) {
      this.i += 4;
    } else {
      this.fail(`expected a value but found ${this.describeHere()}`);
    }
  }

  private object(isStates: boolean): void {
    this.i++;
    this.ws();
    const keys = new Set<string>();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') {
        this.fail(`expected a property name in double quotes but found ${this.describeHere()}`);
      }
      const start = this.i;
      const key = JSON.parse(this.text.slice(start, this.string())) as string;
      if (keys.has(key)) {
        throw new ScanError({ offset: start, message: `the key '${key}' appears twice in one object`, duplicateKey: key, inStates: isStates });
      }
      keys.add(key);
      this.ws();
      if (this.text[this.i] !== ':') {
        this.fail(`expected ':' after the property name but found ${this.describeHere()}`);
      }
      this.i++;
      this.ws();
      this.value(key);
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        this.ws();
        if (this.text[this.i] === '}') {
          this.fail('a trailing comma before \'}\'');
        }
      } else if (c === '}') {
        this.i++;
        return;
      } else {
        this.fail(`expected ',' or '}' after a property value but found ${this.describeHere()}`);
      }
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.value(undefined);
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        this.ws();
        if (this.text[this.i] === ']') {
          this.fail('a trailing comma before \']\'');
        }
      } else if (c === ']') {
        this.i++;
        return;
      } else {
        this.fail(`expected ',' or ']' after an array element but found ${this.describeHere()}`);
      }
    }
  }

  /** Scans a string; returns the offset after its closing quote. */
  private string(): number {
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '"') {
        this.i++;
        return this.i;
      }
      if (c === '\\') {
        const next = this.text[this.i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) {
            this.fail('a \\u escape without four hexadecimal digits');
          }
          this.i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) {
          this.fail(`an invalid escape '\\${next ?? ''}' in a string`);
        }
        this.i += 2;
        continue;
      }
      if (c < ' ') {
        this.fail(c === '\n' ? 'a line break inside a string (strings end on the line they start)' : 'a control character inside a string');
      }
      this.i++;
    }
    return this.fail('a string that is never closed');
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) {
      this.fail(`an invalid number starting with ${this.describeHere()}`);
    }
    this.i += m[0].length;
  }
}
