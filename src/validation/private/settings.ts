import { CfnElement, CfnParameter, CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { findCfnStateMachine, renderDefinition } from '../../core/asl/render';
import { Finding } from '../../core/finding';
import { invalidDefinition } from '../validate';
import { DeploymentSettings, TagEntry, ValidationSettings } from './context';
import { WorkflowTypeName, isObject } from '../../core/asl/model';
import { PARAMETER_TYPE } from '../../core/asl/size';
import { CODES } from '../../core/codes';
import { findingOf } from '../../core/errors';
import { StateFacts, stateFactsByName } from '../../core/state-facts';
import type { ValidationOptions } from '../options';

/** Settings that override what is read from the state machine: the public `ValidationOptions`. */
type SettingsOverrides = ValidationOptions;

/** Overrides as settings, for a definition given as JSON. */
export function settingsFromOptions(options: SettingsOverrides = {}): ValidationSettings {
  return {
    workflowType: options.workflowType === sfn.StateMachineType.EXPRESS ? 'EXPRESS' : 'STANDARD',
    timeoutSeconds: options.timeout?.toSeconds(),
    stateMachineName: options.stateMachineName,
    tags: options.tags ? Object.entries(options.tags).map(([key, value]) => ({ key, value })) : undefined,
    loggingEnabled: options.loggingEnabled,
    disabledRulePacks: options.disabledRulePacks,
    customRules: options.rules,
  };
}

/** What the builder of a state machine knows that its definition cannot say. */
export interface BuilderKnowledge {
  /** The builder checked the state names (and aws-cdk-lib built the graph). */
  readonly namesChecked: boolean;
  /** The facts the patterns recorded about the definition's states, by state name. */
  readonly stateFacts: ReadonlyMap<string, StateFacts>;
}

const KNOWLEDGE = new WeakMap<sfn.CfnStateMachine, BuilderKnowledge>();

/** Records what the builder of `cfn` (a `Workflow`) knows, for its validation. */
export function recordBuilderKnowledge(cfn: sfn.CfnStateMachine, knowledge: BuilderKnowledge): void {
  KNOWLEDGE.set(cfn, knowledge);
}

/** A state machine construct, read for validation. */
export interface ConstructInput {
  readonly cfn?: sfn.CfnStateMachine;
  /** The definition with placeholders, when it could be rendered. */
  readonly definition?: unknown;
  readonly settings: ValidationSettings;
  /** Why there is no definition: SW201 (not renderable) or SW202 (in S3). */
  readonly problem?: Finding;
}

/**
 * Reads what validation needs from a state machine construct (an `sfn.StateMachine`, an
 * `sfn.CfnStateMachine`, or a construct whose default child is one): the definition with
 * placeholders and its tokens, and the type, name, tags and logging from the `CfnStateMachine`
 * properties, unless `overrides` says otherwise. Never throws.
 */
export function readStateMachine(construct: IConstruct, overrides: SettingsOverrides = {}): ConstructInput {
  const cfn = findCfnStateMachine(construct);
  if (!cfn) {
    return { settings: {}, problem: invalidDefinition(`${construct.node.path} is not a state machine: there is no AWS::StepFunctions::StateMachine under it`) };
  }
  const stack = Stack.of(cfn);
  const settings = readSettings(cfn, stack, overrides);
  if (cfn.definitionS3Location !== undefined) {
    return {
      cfn,
      settings,
      problem: findingOf({
        code: CODES.SW202,
        statePath: '',
        message: 'the definition is read from S3 (DefinitionS3Location), so it cannot be checked at synth time',
        fix: 'Use an inline definition to have it checked, or check the file with Validator.validateJson() in a test.',
      }),
    };
  }
  const rendered = renderDefinition(cfn);
  if (rendered.definition === undefined) {
    return { cfn, settings, problem: invalidDefinition(rendered.error ?? 'the definition could not be rendered') };
  }
  // A state machine a Workflow did not build (a plain sfn.StateMachine): the facts of the states
  // of its stack, by name, stand in for the facts of its own states.
  const knowledge = KNOWLEDGE.get(cfn) ?? { namesChecked: false, stateFacts: stateFactsByName(stack.node.findAll()) };
  return {
    cfn,
    definition: rendered.definition,
    settings: {
      ...settings,
      namesChecked: knowledge.namesChecked,
      stateFacts: knowledge.stateFacts,
      definitionText: rendered.text,
      tokens: rendered.tokens,
      resourceTypes: resourceTypesOf(stack, rendered.tokens.map((t) => [t.placeholder, t.target])),
      deployment: readDeployment(cfn, stack),
    },
  };
}

/**
 * The versions and aliases of `cfn` in its stack: the `CfnStateMachineVersion` resources whose
 * `StateMachineArn` references it, and the `CfnStateMachineAlias` resources that route or deploy
 * to one of those versions (an alias names its state machine through its versions only).
 */
export function readDeployment(cfn: sfn.CfnStateMachine, stack: Stack): DeploymentSettings {
  const machineId = stack.resolve(cfn.logicalId);
  const versionIds = new Set<string>();
  const versions: string[] = [];
  const aliasResources: sfn.CfnStateMachineAlias[] = [];
  for (const c of stack.node.findAll()) {
    if (c instanceof sfn.CfnStateMachineVersion && referencedLogicalId(stack.resolve(c.stateMachineArn)) === machineId) {
      versionIds.add(stack.resolve(c.logicalId));
      versions.push(c.node.path);
    } else if (c instanceof sfn.CfnStateMachineAlias) {
      aliasResources.push(c);
    }
  }
  const aliases = aliasResources
    .filter((a) => aliasVersionValues(stack, a).some((v) => versionIds.has(referencedLogicalId(v) ?? '')))
    .map((a) => {
      const name = stack.resolve(a.name);
      return { name: typeof name === 'string' ? name : undefined, path: a.node.path };
    });
  return { versions, aliases };
}

/** The version ARNs an alias names, resolved: its routing entries' and its deployment preference's. */
export function aliasVersionValues(stack: Stack, alias: sfn.CfnStateMachineAlias): unknown[] {
  const routing = stack.resolve(alias.routingConfiguration);
  const deployment = stack.resolve(alias.deploymentPreference);
  const values = Array.isArray(routing) ? routing.map((r) => (isObject(r) ? r.StateMachineVersionArn ?? r.stateMachineVersionArn : undefined)) : [];
  if (isObject(deployment)) {
    values.push(deployment.StateMachineVersionArn ?? deployment.stateMachineVersionArn);
  }
  return values;
}

/** The logical ID a `{ Ref }` or `{ Fn::GetAtt: [id, 'Arn'] }` names. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  if (typeof value.Ref === 'string') {
    return value.Ref;
  }
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

function readSettings(cfn: sfn.CfnStateMachine, stack: Stack, overrides: SettingsOverrides): ValidationSettings {
  const type = overrides.workflowType ?? stack.resolve(cfn.stateMachineType);
  const name = overrides.stateMachineName ?? literal(stack, cfn.stateMachineName);
  return {
    workflowType: (type === sfn.StateMachineType.EXPRESS ? 'EXPRESS' : 'STANDARD') as WorkflowTypeName,
    timeoutSeconds: overrides.timeout?.toSeconds(),
    stateMachineName: name,
    tags: overrides.tags ? Object.entries(overrides.tags).map(([key, value]) => ({ key, value })) : readTags(cfn, stack),
    loggingEnabled: overrides.loggingEnabled ?? readLogging(cfn, stack),
    disabledRulePacks: overrides.disabledRulePacks,
    customRules: overrides.rules,
  };
}

/** A string property's value, when it is known at synth time. */
function literal(stack: Stack, value: unknown): string | undefined {
  if (typeof value !== 'string' || Token.isUnresolved(value)) {
    return undefined;
  }
  const resolved = stack.resolve(value);
  return typeof resolved === 'string' ? resolved : undefined;
}

/** The tags CloudFormation will set: the TagManager's (incl. `Tags.of()`), with literal keys and values. */
function readTags(cfn: sfn.CfnStateMachine, stack: Stack): TagEntry[] {
  const rendered = stack.resolve(cfn.tags.renderTags());
  if (!Array.isArray(rendered)) {
    return [];
  }
  return rendered
    .map((t: any) => ({ key: t?.key ?? t?.Key, value: t?.value ?? t?.Value }))
    .filter((t): t is TagEntry => typeof t.key === 'string' && typeof t.value === 'string');
}

/** Whether the state machine logs: a logging configuration with a level other than OFF. */
function readLogging(cfn: sfn.CfnStateMachine, stack: Stack): boolean {
  const config = stack.resolve(cfn.loggingConfiguration);
  if (!isObject(config)) {
    return false;
  }
  const level = config.level ?? config.Level;
  return level !== undefined && level !== 'OFF';
}

/** Placeholder -> CloudFormation type of the resource (or `AWS::CloudFormation::Parameter`) it references. */
function resourceTypesOf(stack: Stack, refs: [string, string | undefined][]): Map<string, string> {
  const wanted = new Set(refs.map(([, target]) => target).filter((t): t is string => t !== undefined && !t.startsWith('AWS::')));
  const types = new Map<string, string>();
  if (wanted.size === 0) {
    return types;
  }
  const byLogicalId = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (!(c instanceof CfnElement)) {
      continue;
    }
    const id = stack.resolve(c.logicalId);
    if (typeof id === 'string' && wanted.has(id)) {
      if (c instanceof CfnResource) {
        byLogicalId.set(id, c.cfnResourceType);
      } else if (c instanceof CfnParameter) {
        byLogicalId.set(id, PARAMETER_TYPE);
      }
    }
  }
  for (const [placeholder, target] of refs) {
    const type = target === undefined ? undefined : byLogicalId.get(target);
    if (type) {
      types.set(placeholder, type);
    }
  }
  return types;
}
