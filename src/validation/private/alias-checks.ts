import { Stack, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { annotate } from './annotations';
import { referencedLogicalId } from './settings';
import { isObject } from '../../core/asl/model';
import { formatFinding } from '../../core/errors';
import { Finding, Severity } from '../../core/finding';
import { AliasInput, VersionRef, checkAlias } from '../rules/deployment';

/** The aliases already checked at synth, so a `WorkflowAlias` and the Aspect never report twice. */
const CHECKED = new WeakSet<sfn.CfnStateMachineAlias>();

/**
 * Checks `alias` when the app is synthesized (`checkAlias()` on its properties as they are then,
 * escape hatches included): errors fail the synth on `target`, warnings are acknowledgeable
 * annotations (`cdk-stepwise:<code>`) on the alias resource. Once per alias.
 *
 * @param target the construct the errors are reported on (the `WorkflowAlias`, or the L1 itself)
 * @param alias the alias resource
 * @param stateMachine the alias's state machine, when the caller knows it
 */
export function attachAliasChecks(target: IConstruct, alias: sfn.CfnStateMachineAlias, stateMachine?: sfn.IStateMachine): void {
  if (CHECKED.has(alias)) {
    return;
  }
  CHECKED.add(alias);
  target.node.addValidation({
    validate: () => {
      const findings = checkAlias(aliasInputOf(alias, stateMachine));
      annotate(alias, findings);
      return findings.filter((f) => f.severity === Severity.ERROR).map((f) => formatFinding(f));
    },
  });
}

/** The findings of an alias resource's properties as they are now. */
export function aliasFindings(alias: sfn.CfnStateMachineAlias, stateMachine?: sfn.IStateMachine): Finding[] {
  return checkAlias(aliasInputOf(alias, stateMachine));
}

/** An alias resource's properties, resolved, as `checkAlias()` reads them. */
export function aliasInputOf(alias: sfn.CfnStateMachineAlias, stateMachine?: sfn.IStateMachine): AliasInput {
  const stack = Stack.of(alias);
  const routing = stack.resolve(alias.routingConfiguration);
  const deployment = stack.resolve(alias.deploymentPreference);
  const field = (o: Record<string, any>, name: string): unknown => o[name] ?? o[name.charAt(0).toUpperCase() + name.slice(1)];
  return {
    name: stack.resolve(alias.name),
    description: stack.resolve(alias.description),
    stateMachine: stateMachine ? stateMachineKey(stack.resolve(stateMachine.stateMachineArn)) : undefined,
    hasRouting: routing !== undefined,
    routes: Array.isArray(routing)
      ? routing.map((r) => (isObject(r)
        ? { weight: field(r, 'weight'), version: versionRef(stack, field(r, 'stateMachineVersionArn')) }
        : { weight: undefined, version: { label: JSON.stringify(r) } }))
      : undefined,
    deployment: isObject(deployment)
      ? {
        type: field(deployment, 'type'),
        percentage: field(deployment, 'percentage'),
        interval: field(deployment, 'interval'),
        alarms: field(deployment, 'alarms'),
        version: versionRef(stack, field(deployment, 'stateMachineVersionArn')),
      }
      : undefined,
  };
}

/** A key for a state machine ARN: `lit:` and the ARN, or `cfn:` and the logical ID it references. */
function stateMachineKey(resolved: unknown): string | undefined {
  if (typeof resolved === 'string' && !Token.isUnresolved(resolved)) {
    return `lit:${resolved}`;
  }
  const id = referencedLogicalId(resolved);
  return id !== undefined ? `cfn:${id}` : undefined;
}

/** A version ARN, resolved, as `checkAlias()` compares it (see `VersionRef`). */
function versionRef(stack: Stack, resolved: unknown): VersionRef {
  if (typeof resolved === 'string') {
    const parts = resolved.split(':');
    return {
      key: `lit:${resolved}`,
      stateMachine: parts.length === 8 ? `lit:${parts.slice(0, 7).join(':')}` : undefined,
      label: resolved,
    };
  }
  const id = referencedLogicalId(resolved);
  if (id === undefined) {
    return { label: JSON.stringify(resolved) };
  }
  const version = stack.node.findAll().find((c): c is sfn.CfnStateMachineVersion =>
    c instanceof sfn.CfnStateMachineVersion && stack.resolve(c.logicalId) === id);
  return {
    key: `cfn:${id}`,
    stateMachine: version ? stateMachineKey(stack.resolve(version.stateMachineArn)) : undefined,
    label: `the version ${version ? pathOf(version) : id}`,
  };
}

/** The path users know: the L2 construct's for a default child, the resource's own otherwise. */
function pathOf(resource: IConstruct): string {
  const parent = resource.node.scope;
  return parent && parent.node.defaultChild === resource ? parent.node.path : resource.node.path;
}
