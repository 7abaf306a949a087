/*
 * SW05x-SW07x: versions, aliases and gradual deployment. Two parts:
 *
 * - `checkAlias()`: the bounds of one alias (`AWS::StepFunctions::StateMachineAlias`), a pure
 *   function of its properties. `WorkflowAlias` runs it when it is created (errors throw) and at
 *   synth (after escape hatches); `StepwiseChecks` runs it on aliases written with
 *   `CfnStateMachineAlias`.
 * - the `DEPLOYMENT` rule pack of a state machine's validation: how many versions and aliases it
 *   has in its stack, and, once it publishes versions, what executions still running on an older
 *   version would get that they were not published with (a Lambda function's `$LATEST`, the
 *   latest revision of a nested state machine).
 *
 * Sources:
 *   CFN-A  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachinealias.html
 *   DEPL   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-statemachinealias-deploymentpreference.html
 *   ALIAS  https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
 *   RP     https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-stepfunctions (statemachinealias)
 *   VER    https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
 *   LAMBDA https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html (qualified and unqualified ARNs)
 */
import { isObject, resourceOf } from '../../core/asl/model';
import { CODES, CodeInfo } from '../../core/codes';
import { findingOf } from '../../core/errors';
import { Finding, Severity } from '../../core/finding';
import { ALIAS_NAME, QUOTAS, describeQuota, formatNumber } from '../../core/quotas';
import { Rule } from '../private/context';

/**
 * A version an alias names, as far as synth time knows it: a key to compare versions (`lit:` and
 * the ARN for a literal ARN, `cfn:` and the JSON of a CloudFormation expression), the key of its
 * state machine, and a label for messages.
 */
export interface VersionRef {
  readonly key?: string;
  readonly stateMachine?: string;
  readonly label: string;
}

/** One entry of an alias's `RoutingConfiguration`. */
export interface AliasRouteInput {
  readonly weight: unknown;
  readonly version: VersionRef;
}

/** An alias's `DeploymentPreference`. */
export interface AliasDeploymentInput {
  readonly type: unknown;
  readonly percentage: unknown;
  readonly interval: unknown;
  /** The `Alarms` list, resolved (names, or CloudFormation expressions). */
  readonly alarms: unknown;
  readonly version: VersionRef;
}

/** An alias's properties, resolved, for `checkAlias()`. */
export interface AliasInput {
  readonly name: unknown;
  readonly description: unknown;
  /** The key of the alias's state machine, when it is known. */
  readonly stateMachine?: string;
  /** Whether `RoutingConfiguration` is set. */
  readonly hasRouting: boolean;
  /** `RoutingConfiguration`'s entries, when it is a list. */
  readonly routes?: AliasRouteInput[];
  readonly deployment?: AliasDeploymentInput;
}

const DEPLOYMENT_TYPES = ['ALL_AT_ONCE', 'CANARY', 'LINEAR'];

/**
 * The findings of one alias's properties: name, description, routing, deployment preference.
 * Values that are CloudFormation expressions are skipped (they are known at deploy time only).
 */
export function checkAlias(input: AliasInput): Finding[] {
  const findings: Finding[] = [];
  const report = (code: CodeInfo, message: string, limit?: string, actual?: string, fix?: string): void => {
    findings.push(findingOf({ code, statePath: '', message, limit, actual, fix }));
  };

  if (typeof input.name === 'string' && (input.name.length === 0 || input.name.length > QUOTAS.aliasNameLength.value || !ALIAS_NAME.test(input.name))) {
    report(CODES.SW050, `the alias name '${input.name}' is not a valid alias name`,
      `1 to ${describeQuota('aliasNameLength')}: letters, digits, '-', '_' and '.', not only digits`,
      input.name.length > QUOTAS.aliasNameLength.value ? `${input.name.length} characters` : `'${input.name}'`);
  }
  if (typeof input.description === 'string' && (input.description.length === 0 || input.description.length > QUOTAS.aliasDescriptionLength.value)) {
    report(CODES.SW051, `the alias description has ${input.description.length} characters`,
      `1 to ${describeQuota('aliasDescriptionLength')}`, `${input.description.length} characters`);
  }

  const hasDeployment = input.deployment !== undefined;
  if (input.hasRouting === hasDeployment) {
    report(CODES.SW060, input.hasRouting
      ? 'the alias has both a RoutingConfiguration and a DeploymentPreference'
      : 'the alias has neither a RoutingConfiguration nor a DeploymentPreference',
    'exactly one of RoutingConfiguration and DeploymentPreference', input.hasRouting ? 'both' : 'neither');
  }

  const versions: VersionRef[] = [];
  if (input.routes) {
    checkRoutes(input.routes, report);
    versions.push(...input.routes.map((r) => r.version));
  }
  if (input.deployment) {
    checkDeployment(input.deployment, report);
    versions.push(input.deployment.version);
  }
  checkSameStateMachine(input.stateMachine, versions, report);
  return findings;
}

type Report = (code: CodeInfo, message: string, limit?: string, actual?: string, fix?: string) => void;

function checkRoutes(routes: AliasRouteInput[], report: Report): void {
  const max = QUOTAS.routingVersions.value;
  if (routes.length === 0 || routes.length > max) {
    report(CODES.SW053, `the alias routes to ${routes.length} versions`, `1 or ${max} versions`, `${routes.length} versions`);
  }
  const weights = routes.map((r) => r.weight);
  const bad = weights.filter((w) => typeof w === 'number' && (!Number.isInteger(w) || w < 0 || w > QUOTAS.routingWeightTotal.value));
  if (bad.length > 0) {
    report(CODES.SW052, `the alias routes with the weight${bad.length > 1 ? 's' : ''} ${bad.join(', ')}`, 'whole numbers from 0 to 100 that add up to 100', bad.join(', '));
  } else if (routes.length > 0 && weights.every((w) => typeof w === 'number')) {
    const total = (weights as number[]).reduce((a, b) => a + b, 0);
    if (total !== QUOTAS.routingWeightTotal.value) {
      report(CODES.SW052, `the alias's routing weights (${weights.join(' + ')}) add up to ${total}`, 'a total of 100', String(total));
    }
  }
  const seen = new Set<string>();
  for (const route of routes) {
    if (route.version.key !== undefined) {
      if (seen.has(route.version.key)) {
        report(CODES.SW054, `the alias routes to ${route.version.label} twice`, 'two different versions', `${route.version.label} twice`,
          'route to one version with weight 100, or split between two different versions');
      }
      seen.add(route.version.key);
    }
  }
}

function checkDeployment(d: AliasDeploymentInput, report: Report): void {
  const gradual = d.type === 'CANARY' || d.type === 'LINEAR';
  if (typeof d.type === 'string' && !DEPLOYMENT_TYPES.includes(d.type)) {
    report(CODES.SW061, `the deployment type '${d.type}' is unknown`, DEPLOYMENT_TYPES.join(', '), d.type);
  } else if (gradual && (d.percentage === undefined || d.interval === undefined)) {
    const missing = [d.percentage === undefined ? 'Percentage' : undefined, d.interval === undefined ? 'Interval' : undefined].filter((x) => x);
    report(CODES.SW061, `the ${String(d.type)} deployment has no ${missing.join(' and no ')}`, 'a Percentage and an Interval', `no ${missing.join(', no ')}`);
  }
  const pMin = QUOTAS.deploymentPercentageMin.value;
  const pMax = QUOTAS.deploymentPercentageMax.value;
  if (typeof d.percentage === 'number' && (!Number.isInteger(d.percentage) || d.percentage < pMin || d.percentage > pMax)) {
    report(CODES.SW055, `the deployment shifts ${d.percentage} percent of executions at each step`, `a whole number from ${pMin} to ${pMax} percent`, `${d.percentage} percent`);
  }
  const iMin = QUOTAS.deploymentIntervalMin.value;
  const iMax = QUOTAS.deploymentIntervalMax.value;
  if (typeof d.interval === 'number' && (!Number.isInteger(d.interval) || d.interval < iMin || d.interval > iMax)) {
    report(CODES.SW056, `the deployment waits ${d.interval} minutes between steps`, `a whole number of minutes from ${iMin} to ${formatNumber(iMax)}`, `${d.interval} minutes`);
  }
  if (d.type === 'LINEAR' && typeof d.percentage === 'number' && typeof d.interval === 'number' && d.percentage >= pMin && d.interval >= iMin) {
    // RP ResourceModelUtils.validateLinearDeploymentConfiguration: ceil(100 / percentage) steps of `interval` minutes.
    const steps = Math.ceil(100 / d.percentage);
    const minutes = steps * d.interval;
    if (minutes > QUOTAS.linearDeploymentMinutes.value) {
      report(CODES.SW057, `the linear deployment takes ${steps} steps of ${d.interval} minutes: ${formatNumber(minutes)} minutes`,
        describeQuota('linearDeploymentMinutes'), `${formatNumber(minutes)} minutes`);
    }
  }
  if (d.alarms === undefined || (Array.isArray(d.alarms) && d.alarms.length === 0)) {
    report(CODES.SW062, `the ${typeof d.type === 'string' ? d.type : ''} deployment watches no alarm, so CloudFormation cannot roll it back when the new version fails`,
      'at least 1 alarm', 'no alarm');
  }
  if (Array.isArray(d.alarms)) {
    const max = QUOTAS.deploymentAlarms.value;
    if (d.alarms.length > max) {
      report(CODES.SW058, `the deployment watches ${d.alarms.length} alarms`, `${max} alarms`, `${d.alarms.length} alarms`);
    }
    const nameMax = QUOTAS.alarmNameLength.value;
    for (const alarm of d.alarms) {
      if (typeof alarm === 'string' && (alarm.length === 0 || alarm.length > nameMax) && !alarm.startsWith('arn:')) {
        report(CODES.SW058, `the deployment watches an alarm named with ${alarm.length} characters`, `alarm names of 1 to ${describeQuota('alarmNameLength')}`, `${alarm.length} characters`);
      }
      if (isAlarmArn(alarm)) {
        report(CODES.SW059, `the deployment names an alarm by its ARN (${typeof alarm === 'string' ? alarm : JSON.stringify(alarm)})`, 'alarm names', 'an ARN');
      }
    }
  }
}

/** An alarm ARN: a literal `arn:...:cloudwatch:...:alarm:...`, or `Fn::GetAtt` of an alarm's `Arn`. */
function isAlarmArn(alarm: unknown): boolean {
  if (typeof alarm === 'string') {
    return alarm.startsWith('arn:');
  }
  const getAtt = isObject(alarm) ? alarm['Fn::GetAtt'] : undefined;
  return Array.isArray(getAtt) && getAtt[1] === 'Arn';
}

function checkSameStateMachine(stateMachine: string | undefined, versions: VersionRef[], report: Report): void {
  const known = versions.filter((v) => v.stateMachine !== undefined);
  const expected = stateMachine ?? known[0]?.stateMachine;
  if (expected === undefined) {
    return;
  }
  const kind = expected.slice(0, 4);
  for (const v of known) {
    // A literal ARN and a CloudFormation expression cannot be compared at synth time.
    if (v.stateMachine!.slice(0, 4) === kind && v.stateMachine !== expected) {
      report(CODES.SW054, `the alias names ${v.label}, a version of another state machine`, 'versions of the alias\'s own state machine', v.label);
    }
  }
}

/** A qualifier of a Lambda function ARN or name, as the invocation resolves it. */
type LambdaTarget = 'latest' | 'qualified' | 'unknown';

/** `${Ref:Name}`-style placeholders of CloudFormation values in a rendered definition. */
const WHOLE_PLACEHOLDER = /^\$\{[^}]*\}$/;
const PLACEHOLDER_THEN_QUALIFIER = /^(\$\{[^}]*\}):([^:]+)$/;
const PLACEHOLDER = /\$\{[^}]*\}/g;

/**
 * What a Lambda `FunctionName` (or a legacy Task `Resource`) invokes (LAMBDA): an unqualified
 * function ARN, partial ARN or name runs `$LATEST`; one with a version number or alias name runs
 * that. CloudFormation values are read through the types of the resources they reference.
 */
function lambdaTarget(value: unknown, types: ReadonlyMap<string, string> | undefined): LambdaTarget {
  if (typeof value !== 'string' || value.startsWith('{%')) {
    return 'unknown';
  }
  if (WHOLE_PLACEHOLDER.test(value)) {
    const type = types?.get(value);
    return type === 'AWS::Lambda::Function' ? 'latest' : type === 'AWS::Lambda::Version' || type === 'AWS::Lambda::Alias' ? 'qualified' : 'unknown';
  }
  const suffixed = PLACEHOLDER_THEN_QUALIFIER.exec(value);
  if (suffixed) {
    // `${GetAtt:Fn.Arn}:$LATEST` (lambda.IFunction.latestVersion), `${GetAtt:Fn.Arn}:live`
    if (types?.get(suffixed[1]) !== 'AWS::Lambda::Function') {
      return 'unknown';
    }
    return suffixed[2] === '$LATEST' ? 'latest' : 'qualified';
  }
  // Mask the placeholders that stand inside a literal ARN (`${AWS::Region}`), then count its parts:
  // arn:partition:lambda:region:account:function:name[:qualifier], account:function:name[:qualifier], name[:qualifier].
  const parts = value.replace(PLACEHOLDER, 'x').split(':');
  const qualifier = parts[0] === 'arn' ? parts[7] : parts[1] === 'function' ? parts[3] : parts[1];
  if (parts[0] === 'arn' && parts.length < 7) {
    return 'unknown';
  }
  return qualifier === undefined || qualifier === '$LATEST' ? 'latest' : 'qualified';
}

/**
 * What a nested `StateMachineArn` starts: a state machine resource or a 7-part ARN runs the
 * latest revision; a version or alias (resource or 8-part ARN) is pinned.
 */
function childTarget(value: unknown, types: ReadonlyMap<string, string> | undefined): LambdaTarget {
  if (typeof value !== 'string' || value.startsWith('{%')) {
    return 'unknown';
  }
  if (WHOLE_PLACEHOLDER.test(value)) {
    const type = types?.get(value);
    return type === 'AWS::StepFunctions::StateMachine' ? 'latest'
      : type === 'AWS::StepFunctions::StateMachineVersion' || type === 'AWS::StepFunctions::StateMachineAlias' ? 'qualified' : 'unknown';
  }
  const parts = value.replace(PLACEHOLDER, 'x').split(':');
  if (parts[0] !== 'arn' || parts[5] !== 'stateMachine') {
    return 'unknown';
  }
  return parts.length === 7 ? 'latest' : parts.length === 8 ? 'qualified' : 'unknown';
}

/** A field of a Task's `Parameters` (JSONPath) or `Arguments` (JSONata), when it is static. */
function taskArgument(json: Record<string, any>, field: string): unknown {
  const args = isObject(json.Arguments) ? json.Arguments : isObject(json.Parameters) ? json.Parameters : undefined;
  return args?.[field];
}

/** SW065: one version resource per state machine (VER; the provider refuses a second version of a revision). */
export const versionCountRule: Rule = {
  name: 'versions per state machine',
  codes: [CODES.SW065],
  check(ctx) {
    const versions = ctx.settings.deployment?.versions ?? [];
    if (versions.length > 1) {
      ctx.report(CODES.SW065, '', `${versions.length} version resources publish the state machine (${versions.join(', ')}); the second fails with AlreadyExists`, {
        limit: '1 version resource per state machine', actual: `${versions.length}`,
      });
    }
  },
};

/** SW063, SW064: at most 100 aliases (a soft quota), each name once. */
export const aliasCountRule: Rule = {
  name: 'aliases per state machine',
  codes: [CODES.SW063, CODES.SW064],
  check(ctx) {
    const aliases = ctx.settings.deployment?.aliases ?? [];
    const max = QUOTAS.aliasesPerStateMachine.value;
    if (aliases.length > max) {
      ctx.report(CODES.SW063, '', `the state machine has ${aliases.length} aliases`, { limit: describeQuota('aliasesPerStateMachine'), actual: `${aliases.length} aliases` });
    }
    const byName = new Map<string, string[]>();
    for (const alias of aliases) {
      if (alias.name !== undefined) {
        byName.set(alias.name, [...byName.get(alias.name) ?? [], alias.path]);
      }
    }
    for (const [name, paths] of byName) {
      if (paths.length > 1) {
        ctx.report(CODES.SW064, '', `${paths.length} aliases of the state machine are named '${name}' (${paths.join(', ')})`, {
          limit: 'one alias per name', actual: `${paths.length} aliases of the state machine are named '${name}'`,
        });
      }
    }
  },
};

/**
 * SW069, SW070: once a state machine publishes versions, an execution runs the version it started
 * with until it ends, but a Lambda function's `$LATEST` and a nested state machine's latest
 * revision are whatever was deployed last.
 */
export const inFlightRule: Rule = {
  name: 'in-flight executions of older versions',
  codes: [CODES.SW069, CODES.SW070],
  check(ctx) {
    if ((ctx.settings.deployment?.versions.length ?? 0) === 0) {
      return;
    }
    const types = ctx.settings.resourceTypes;
    for (const state of ctx.model.states) {
      if (state.type !== 'Task') {
        continue;
      }
      const resource = resourceOf(state, types);
      if (resource.isLambda) {
        const target = resource.service === 'lambda:invoke' ? taskArgument(state.json, 'FunctionName') : state.json.Resource;
        if (lambdaTarget(target, types) === 'latest') {
          ctx.report(CODES.SW069, state.path, `the published workflow's Task '${state.name}' invokes ${String(target)}, the function's $LATEST`, {
            limit: 'a version or alias of the function', actual: String(target),
          });
        }
      } else if (resource.service === 'states:startExecution') {
        const target = taskArgument(state.json, 'StateMachineArn');
        if (childTarget(target, types) === 'latest') {
          ctx.report(CODES.SW070, state.path, `the published workflow's Task '${state.name}' starts ${String(target)}, the nested state machine's latest revision`, {
            limit: 'a version or alias of the nested state machine', actual: String(target),
          });
        }
      }
    }
  },
};

/** The deployment rules, in the order they run. */
export const DEPLOYMENT_RULES: Rule[] = [versionCountRule, aliasCountRule, inFlightRule];

/** Whether a finding is an error, for the constructs that throw at once. */
export function firstError(findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.severity === Severity.ERROR);
}
