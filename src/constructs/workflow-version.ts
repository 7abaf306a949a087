import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkDescription, unqualifiedArnOf } from './private/checks';
import { PruneVersions } from './private/prune-versions';
import { notifyPublished, recordVersion } from './private/registry';
import { QualifiedStateMachineBase } from './qualified-state-machine-base';
import { findCfnStateMachine } from '../core/asl/render';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { IWorkflowVersion } from '../core/qualified-state-machine';
import { qualifierOf } from '../core/qualifier';
import { QUOTAS, describeQuota } from '../core/quotas';

/**
 * How a state machine publishes its versions.
 */
export interface WorkflowVersionOptions {
  /**
   * A description of the version (at most 256 characters). A version is replaced only when the
   * definition or the role changes: changing only the description makes CloudFormation publish
   * the same revision twice, which Step Functions refuses (`AlreadyExists`); change it together
   * with the definition.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * What happens to a version when a new one replaces it (the definition or the role changed) or
   * when it leaves the stack.
   *
   * - `RemovalPolicy.RETAIN` keeps every version published: executions still running on an older
   *   version finish on it, and an alias can be pointed back at it. Each deployment that changes
   *   the definition adds one; a state machine holds at most 1,000 (a soft quota), and deleting
   *   the state machine deletes them all.
   * - `RemovalPolicy.DESTROY` deletes the version it replaced once the deployment that replaced
   *   it has completed (after the aliases moved), so one version exists at a time. Make sure no
   *   long-running execution still runs on it.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachineversion.html
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Keep only this many of the newest versions (1 to 1,000): after each deployment that publishes
   * a version, a custom resource (a Lambda function behind the aws-cdk-lib provider framework)
   * deletes the older versions that no alias routes to, so the state machine stays within the
   * quota of 1,000 versions while `removalPolicy` retains them. Keep enough for the longest
   * execution to finish on the version it started with, and to roll back.
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineVersion.html
   * @default - every retained version is kept (prune them yourself before the state machine
   * reaches 1,000)
   */
  readonly versionsToKeep?: number;
}

/**
 * Properties of a `WorkflowVersion`.
 */
export interface WorkflowVersionProps extends WorkflowVersionOptions {
  /**
   * The state machine to publish: a `Workflow`, or any state machine defined in this app.
   */
  readonly stateMachine: sfn.IStateMachine;
}

/**
 * What identifies a version defined elsewhere.
 */
export interface WorkflowVersionAttributes {
  /** The version's ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>:<number>`). */
  readonly versionArn: string;

  /**
   * Standard or Express: lets the grants refuse what the type cannot do.
   *
   * @default - not known
   */
  readonly workflowType?: sfn.StateMachineType;
}

/**
 * A published version of a state machine (`AWS::StepFunctions::StateMachineVersion`). Usually
 * made by a Workflow: `workflow.currentVersion`.
 *
 * The version pins the state machine's current revision (`StateMachineRevisionId`). When the
 * definition or the role changes, the state machine gets a new revision and CloudFormation
 * replaces the version with a new one; when nothing changed, nothing is published (Step
 * Functions refuses a second version of a revision). Older versions are kept or deleted
 * according to `removalPolicy`, and pruned to the newest `versionsToKeep`.
 *
 * A version is a state machine wherever aws-cdk-lib takes one: its grants and metrics are those
 * of executions started with the version ARN.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const version = new WorkflowVersion(this, 'Version', { stateMachine: workflow, description: 'adds fraud checks' });
 * version.grantStartExecution(invokerRole);
 */
export class WorkflowVersion extends QualifiedStateMachineBase implements IWorkflowVersion {
  /**
   * A version defined elsewhere, by its ARN.
   *
   * @param scope the scope
   * @param id the construct ID
   * @param versionArn `arn:aws:states:<region>:<account>:stateMachine:<name>:<number>`
   */
  public static fromVersionArn(scope: Construct, id: string, versionArn: string): IWorkflowVersion {
    return WorkflowVersion.fromVersionAttributes(scope, id, { versionArn });
  }

  /**
   * A version defined elsewhere, by its ARN and type.
   *
   * @param scope the scope
   * @param id the construct ID
   * @param attrs the ARN and, optionally, the type
   */
  public static fromVersionAttributes(scope: Construct, id: string, attrs: WorkflowVersionAttributes): IWorkflowVersion {
    return new ImportedVersion(scope, id, attrs);
  }

  /** The version's ARN. */
  public readonly versionArn: string;

  /** The version number (a CloudFormation expression until deployed). */
  public readonly version: string;

  /** The version ARN: what executions are started with. */
  public readonly stateMachineArn: string;

  /** The version number. */
  public readonly qualifier: string;

  /** The state machine the version belongs to. */
  public readonly stateMachine: sfn.IStateMachine;

  /**
   * Standard or Express.
   *
   * @default - read from the state machine when it is written literally
   */
  public readonly workflowType?: sfn.StateMachineType;

  protected readonly metricDimension = 'Version';
  protected readonly readActions = ['states:ListExecutions', 'states:DescribeStateMachine'];

  /**
   * @param scope the scope
   * @param id the construct ID
   * @param props the state machine and how its versions are kept
   * @throws StepwiseError SW071 for a state machine this app does not define, SW065 when the
   * state machine already publishes a version, SW051 for a description too long
   */
  constructor(scope: Construct, id: string, props: WorkflowVersionProps) {
    super(scope, id);
    const cfn = findCfnStateMachine(props.stateMachine);
    if (!cfn) {
      throw new StepwiseError({
        code: CODES.SW071,
        statePath: '',
        message: `${props.stateMachine.node.path} is not defined in this app (no AWS::StepFunctions::StateMachine under it), so its revision is unknown`,
      }, this.node.path);
    }
    checkDescription(props.description, QUOTAS.versionDescriptionLength.value, 'versionDescriptionLength', 'version', this.node.path);

    const resource = new sfn.CfnStateMachineVersion(this, 'Resource', {
      stateMachineArn: props.stateMachine.stateMachineArn,
      // Publish the revision this deployment made, and only it: a new revision (a changed
      // definition or role) changes this value and so replaces the resource, which publishes a
      // new version; an unchanged one leaves it alone. https://github.com/aws/aws-cdk/issues/26441
      stateMachineRevisionId: cfn.attrStateMachineRevisionId,
      description: props.description,
    });
    resource.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);
    if (props.versionsToKeep !== undefined) {
      checkVersionsToKeep(props.versionsToKeep, this.node.path);
      new PruneVersions(this, 'Prune', { stateMachineArn: props.stateMachine.stateMachineArn, versionArn: resource.attrArn, versionsToKeep: props.versionsToKeep });
    }

    this.versionArn = resource.attrArn;
    this.stateMachineArn = this.versionArn;
    this.version = qualifierOf(this.versionArn);
    this.qualifier = this.version;
    this.stateMachine = props.stateMachine;
    const type = this.stack.resolve(cfn.stateMachineType);
    this.workflowType = type === sfn.StateMachineType.EXPRESS ? sfn.StateMachineType.EXPRESS
      : type === undefined || type === sfn.StateMachineType.STANDARD ? sfn.StateMachineType.STANDARD : undefined;

    const before = recordVersion(cfn, this);
    if (before) {
      throw new StepwiseError({
        code: CODES.SW065,
        statePath: '',
        message: `${props.stateMachine.node.path} already publishes a version (${before.node.path}); a second version of the same revision fails with AlreadyExists`,
        limit: '1 version resource per state machine',
        actual: '2',
        fix: 'use the version the state machine already publishes (workflow.currentVersion)',
      }, this.node.path);
    }
    notifyPublished(cfn);
  }

  protected describe(): string {
    return `the version ${this.node.path}`;
  }
}

/** SW072: 1 to 1,000 versions (the quota; the version just published is always kept). */
function checkVersionsToKeep(keep: number, path: string): void {
  const max = QUOTAS.versionsPerStateMachine.value;
  if (!Token.isUnresolved(keep) && (!Number.isInteger(keep) || keep < 1 || keep > max)) {
    throw new StepwiseError({
      code: CODES.SW072,
      statePath: '',
      message: `versionsToKeep is ${keep}`,
      limit: `a whole number from 1 to ${describeQuota('versionsPerStateMachine')}`,
      actual: String(keep),
    }, path);
  }
}

/** A version defined elsewhere. */
class ImportedVersion extends QualifiedStateMachineBase implements IWorkflowVersion {
  public readonly versionArn: string;
  public readonly version: string;
  public readonly stateMachineArn: string;
  public readonly qualifier: string;
  public readonly stateMachine: sfn.IStateMachine;
  public readonly workflowType?: sfn.StateMachineType;
  protected readonly metricDimension = 'Version';
  protected readonly readActions = ['states:ListExecutions', 'states:DescribeStateMachine'];

  constructor(scope: Construct, id: string, attrs: WorkflowVersionAttributes) {
    super(scope, id, { environmentFromArn: attrs.versionArn });
    this.versionArn = attrs.versionArn;
    this.stateMachineArn = attrs.versionArn;
    this.version = qualifierOf(attrs.versionArn);
    this.qualifier = this.version;
    this.workflowType = attrs.workflowType;
    this.stateMachine = sfn.StateMachine.fromStateMachineArn(this, 'StateMachine', unqualifiedArnOf(attrs.versionArn));
  }

  protected describe(): string {
    return `the version ${this.versionArn}`;
  }
}
