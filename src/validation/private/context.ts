import { DefinitionModel, WorkflowTypeName } from '../../core/asl/model';
import { RenderedToken } from '../../core/asl/render';
import { DefinitionSize } from '../../core/asl/size';
import { CodeInfo } from '../../core/codes';
import { findingOf } from '../../core/errors';
import { Finding, Severity } from '../../core/finding';
import { StateFacts } from '../../core/state-facts';
import type { IValidationRule, RulePack } from '../options';

/** One tag of the state machine. */
export interface TagEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * What validation knows about the state machine besides its definition. Every field is optional:
 * a check that needs a missing one is skipped.
 */
export interface ValidationSettings {
  /** @default 'STANDARD' */
  readonly workflowType?: WorkflowTypeName;
  /** The state machine's timeout, used when the definition has no top-level `TimeoutSeconds`. */
  readonly timeoutSeconds?: number;
  /** The state machine's name, when it is known at synth time. */
  readonly stateMachineName?: string;
  /** The state machine's tags (all of them, including those added by `Tags.of()`). */
  readonly tags?: readonly TagEntry[];
  /** Whether execution logging is on. */
  readonly loggingEnabled?: boolean;
  /** The exact text that will be deployed, placeholders included, when the definition is given parsed. */
  readonly definitionText?: string;
  /** The CloudFormation values in the text, from `renderDefinition`. */
  readonly tokens?: readonly RenderedToken[];
  /** Placeholder -> CloudFormation type of the resource it references (`AWS::StepFunctions::Activity`). */
  readonly resourceTypes?: ReadonlyMap<string, string>;
  /** Whether the builder checked the state names already (SW002 before aws-cdk-lib built the graph). */
  readonly namesChecked?: boolean;
  /** What the patterns that built some states know about them, by state name. */
  readonly stateFacts?: ReadonlyMap<string, StateFacts>;
  /** Built-in rule packs that do not run. */
  readonly disabledRulePacks?: readonly RulePack[];
  /** Rules of the user's own, run after the built-in ones. */
  readonly customRules?: readonly IValidationRule[];
  /** The versions and aliases of the state machine in its stack, when it was read from a construct. */
  readonly deployment?: DeploymentSettings;
}

/** The versions and aliases of a state machine in its stack. */
export interface DeploymentSettings {
  /** The construct paths of the `AWS::StepFunctions::StateMachineVersion` resources that publish it. */
  readonly versions: readonly string[];
  /** Its aliases (the aliases that route or deploy to one of those versions): name when literal, and path. */
  readonly aliases: ReadonlyArray<{ readonly name?: string; readonly path: string }>;
}

/** Details of a finding besides its code, path and message. */
export interface FindingDetails {
  readonly limit?: string;
  readonly actual?: string;
  /** A fix specific to this finding. @default - the code's fix from the registry */
  readonly fix?: string;
}

/** A check of one aspect of a definition. A rule reports only the codes it declares. */
export interface Rule {
  /** What it checks, e.g. `state names`; named in the message if the rule fails internally. */
  readonly name: string;
  readonly codes: readonly CodeInfo[];
  check(ctx: RuleContext): void;
}

/** What a rule sees, and where it reports. */
export class RuleContext {
  public readonly findings: Finding[] = [];

  constructor(
    public readonly model: DefinitionModel,
    public readonly settings: ValidationSettings,
    public readonly size: DefinitionSize,
    private readonly rule: Rule,
  ) {}

  /** The workflow type (Standard unless the settings say Express). */
  public get workflowType(): WorkflowTypeName {
    return this.model.workflowType;
  }

  /** Reports a finding with the code's registered severity. */
  public report(code: CodeInfo, statePath: string, message: string, details: FindingDetails = {}): void {
    if (!this.rule.codes.includes(code)) {
      // A programming error in the rule: surfaces as the rule's internal-error finding.
      throw new Error(`rule '${this.rule.name}' reported ${code.code}, which it does not declare`);
    }
    this.findings.push(findingOf({
      code,
      statePath,
      message,
      ...(details.limit !== undefined ? { limit: details.limit } : {}),
      ...(details.actual !== undefined ? { actual: details.actual } : {}),
      ...(details.fix !== undefined ? { fix: details.fix } : {}),
    }));
  }
}

/**
 * Runs one rule. A rule never makes validation throw: an internal error becomes a WARNING with the
 * rule's first code, saying so (a bug of ours must not fail a user's synth), and the findings the
 * rule made before it failed are kept.
 */
export function runRule(rule: Rule, model: DefinitionModel, settings: ValidationSettings, size: DefinitionSize): Finding[] {
  const ctx = new RuleContext(model, settings, size, rule);
  try {
    rule.check(ctx);
  } catch (e) {
    ctx.findings.push({
      code: rule.codes[0].code,
      severity: Severity.WARNING,
      statePath: '',
      message: `the ${rule.name} check failed with an internal error and was skipped: ${(e as Error)?.message ?? String(e)}`,
      fix: 'This is a bug in cdk-stepwise: please report it with the definition that caused it. The rest of the validation ran.',
    });
  }
  return ctx.findings;
}
