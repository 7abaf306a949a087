import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Finding } from '../core/finding';

/**
 * A family of built-in validation rules, which can be turned off together (as cdk-nag's packs).
 */
export enum RulePack {
  /** Service quotas: definition and payload sizes, names, tags, Map limits, durations, execution history (SW1xx). */
  QUOTAS = 'QUOTAS',
  /** The Amazon States Language: structure, fields, transitions, Choice rules, Retry and Catch, query languages (SW2xx). */
  ASL = 'ASL',
  /** What Express workflows cannot do: `.sync`, callbacks, activities, Distributed Map, their duration (SW3xx). */
  EXPRESS = 'EXPRESS',
  /** Best practices: task timeouts, heartbeats, Lambda retries, logging, the state machine timeout (SW4xx, warnings). */
  HYGIENE = 'HYGIENE',
  /**
   * Versions and aliases: one version resource per state machine, at most 100 aliases with
   * distinct names, and, once the state machine publishes versions, no Lambda `$LATEST` or
   * unpinned nested state machine that executions of older versions would pick up (SW063-SW065,
   * SW069, SW070).
   */
  DEPLOYMENT = 'DEPLOYMENT',
}

/** One state of a definition, as a rule of your own sees it. */
export interface ValidationState {
  /** The state's name. */
  readonly name: string;
  /** Its path from the top level (`Notify/Branches[0]/Send email`), as findings name it. */
  readonly statePath: string;
  /** Its `Type`; empty when it has none. */
  readonly type: string;
  /** Its effective query language: `JSONPath` or `JSONata`. */
  readonly queryLanguage: string;
  /** The state as written in the definition (CloudFormation values appear as `${Ref:Name}` placeholders). */
  readonly json: { [key: string]: any };
}

/** What a rule of your own sees of a state machine. */
export interface ValidationInput {
  /** The whole definition, parsed (CloudFormation values as placeholders). */
  readonly definition: { [key: string]: any };
  /** Every state, branches and processors included, in document order. */
  readonly states: ValidationState[];
  /** `STANDARD` or `EXPRESS`. */
  readonly workflowType: string;
  /**
   * The state machine's name, when it is known at synth time.
   *
   * @default - not known
   */
  readonly stateMachineName?: string;
}

/**
 * A validation rule of your own, run with the built-in ones: on every definition a `Workflow`,
 * `StepwiseChecks` or `Validator` checks. Return one finding per problem, with a code of your own
 * (for example `ACME001`) and a severity: errors fail the synth, warnings are acknowledgeable
 * annotations (`cdk-stepwise:<code>`), as for the built-in rules. A rule that throws becomes a
 * warning (SW901) naming it; the other rules still run.
 */
export interface IValidationRule {
  /** What the rule checks, in a few words; named when the rule fails. */
  readonly name: string;

  /**
   * Checks a definition.
   *
   * @param input the definition and what is known of the state machine
   */
  check(input: ValidationInput): Finding[];
}

/**
 * What validation should assume about a state machine. For a state machine construct each field
 * overrides what is read from it; for a JSON definition each field says what the definition will
 * be deployed with.
 */
export interface ValidationOptions {
  /**
   * Standard or Express: Express workflows are checked for `.sync`, callbacks, activities,
   * Distributed Map and the 5-minute limit.
   *
   * @default - the state machine's type; `STANDARD` for a JSON definition
   */
  readonly workflowType?: sfn.StateMachineType;

  /**
   * The state machine's timeout, used when the definition has no top-level `TimeoutSeconds`
   * (aws-cdk-lib writes its `timeout` prop there).
   *
   * @default - the definition's `TimeoutSeconds`; none if it has none
   */
  readonly timeout?: Duration;

  /**
   * The state machine's name, checked for length and characters.
   *
   * @default - the state machine's name when it is known at synth time; not checked otherwise
   */
  readonly stateMachineName?: string;

  /**
   * The state machine's tags, checked against the tag quotas.
   *
   * @default - the state machine's tags (including those added with `Tags.of()`); not checked for a JSON definition
   */
  readonly tags?: { [key: string]: string };

  /**
   * Whether the state machine logs its executions to CloudWatch Logs.
   *
   * @default - read from the state machine's logging configuration; not checked for a JSON definition
   */
  readonly loggingEnabled?: boolean;

  /**
   * Built-in rule packs to turn off.
   *
   * @default - none: every built-in rule runs
   */
  readonly disabledRulePacks?: RulePack[];

  /**
   * Rules of your own, run after the built-in ones, on the same definition.
   *
   * @default - none
   */
  readonly rules?: IValidationRule[];
}

/** Options for checking one state machine at synth time. */
export interface StateMachineCheckOptions extends ValidationOptions {
  /**
   * Whether to write the validation report next to the stack's template
   * (`<outdir>/<artifactId>.stepwise-report.json`).
   *
   * @default true
   */
  readonly writeReport?: boolean;
}

/** Options for checking every state machine under a scope. */
export interface StepwiseChecksOptions {
  /**
   * Whether to write a validation report next to each stack's template
   * (`<outdir>/<artifactId>.stepwise-report.json`).
   *
   * @default true
   */
  readonly writeReports?: boolean;

  /**
   * Built-in rule packs to turn off, for every state machine checked.
   *
   * @default - none: every built-in rule runs
   */
  readonly disabledRulePacks?: RulePack[];

  /**
   * Rules of your own, run on every state machine checked, after the built-in ones.
   *
   * @default - none
   */
  readonly rules?: IValidationRule[];
}
