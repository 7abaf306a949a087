/*
 * What the constructs of one app know about each other, kept in this process beside the
 * constructs (never written anywhere): the version a state machine publishes, how a Workflow
 * publishes its current version, and the alarms `WorkflowAlarms` made for a state machine, a
 * version or an alias.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { IWorkflowVersion } from '../../core/qualified-state-machine';

/** The version each state machine (its `CfnStateMachine`) publishes in this app. */
const VERSIONS = new WeakMap<sfn.CfnStateMachine, IWorkflowVersion>();

/** How a state machine publishes its current version when something needs one (a Workflow's `currentVersion`). */
const PUBLISHERS = new WeakMap<sfn.CfnStateMachine, () => IWorkflowVersion>();

/** What a state machine does once it publishes a version (a Workflow widens its role's grants). */
const ON_PUBLISH = new WeakMap<sfn.CfnStateMachine, () => void>();

/** Records what `cfn` does once it publishes a version. */
export function recordOnPublish(cfn: sfn.CfnStateMachine, handler: () => void): void {
  ON_PUBLISH.set(cfn, handler);
}

/** Tells `cfn` that it publishes a version now. */
export function notifyPublished(cfn: sfn.CfnStateMachine): void {
  ON_PUBLISH.get(cfn)?.();
}

/** The alarms made for a state machine, a version or an alias (the construct they watch). */
const ALARMS = new WeakMap<IConstruct, cloudwatch.IAlarm[]>();

/** Records the version `cfn` publishes; returns the one recorded before, if any. */
export function recordVersion(cfn: sfn.CfnStateMachine, version: IWorkflowVersion): IWorkflowVersion | undefined {
  const before = VERSIONS.get(cfn);
  if (!before) {
    VERSIONS.set(cfn, version);
  }
  return before;
}

/** The version `cfn` publishes, if one was created. */
export function versionOf(cfn: sfn.CfnStateMachine): IWorkflowVersion | undefined {
  return VERSIONS.get(cfn);
}

/** Records how `cfn` publishes its current version. */
export function recordPublisher(cfn: sfn.CfnStateMachine, publish: () => IWorkflowVersion): void {
  PUBLISHERS.set(cfn, publish);
}

/** The publisher of `cfn`, if it has one. */
export function publisherOf(cfn: sfn.CfnStateMachine): (() => IWorkflowVersion) | undefined {
  return PUBLISHERS.get(cfn);
}

/** Records alarms made for `watched` (a state machine, a version or an alias). */
export function recordAlarms(watched: IConstruct, alarms: cloudwatch.IAlarm[]): void {
  ALARMS.set(watched, [...ALARMS.get(watched) ?? [], ...alarms]);
}

/** The alarms made for `watched`, in the order they were made. */
export function alarmsOf(watched: IConstruct): cloudwatch.IAlarm[] {
  return ALARMS.get(watched) ?? [];
}
