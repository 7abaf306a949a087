import { Duration, Lazy, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { unqualifiedArnOf } from './private/checks';
import { alarmsOf, publisherOf, versionOf } from './private/registry';
import { QualifiedStateMachineBase } from './qualified-state-machine-base';
import { WorkflowVersion } from './workflow-version';
import { findCfnStateMachine } from '../core/asl/render';
import { CODES, codeInfo } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { IWorkflowAlias, IWorkflowVersion } from '../core/qualified-state-machine';
import { qualifierOf } from '../core/qualifier';
import { attachAliasChecks, aliasFindings } from '../validation/private/alias-checks';
import { firstError } from '../validation/rules/deployment';

/**
 * What every deployment of a version to an alias takes.
 */
export interface DeploymentOptions {
  /**
   * The version to deploy.
   *
   * @default - the state machine's current version (`workflow.currentVersion`), published if it
   * was not yet
   */
  readonly version?: IWorkflowVersion;

  /**
   * The CloudWatch alarms CloudFormation watches while it moves executions to the new version.
   * If one of them is in ALARM (before a step, or while it waits between steps), CloudFormation
   * routes every execution back to the previous version, the alias update fails and the stack
   * update rolls back. They are passed by name, as CloudFormation requires (it treats an alarm it
   * cannot find, or an ARN, as OK).
   *
   * @default - the alarms of every `WorkflowAlarms` made for the state machine, for the version
   * being deployed or for the alias (looked up when the app is synthesized); a deployment with no
   * alarm is reported (SW062)
   */
  readonly alarms?: cloudwatch.IAlarm[];
}

/**
 * A canary deployment: a share of executions first, then all of them.
 */
export interface CanaryDeploymentOptions extends DeploymentOptions {
  /**
   * The percentage of executions the new version gets first, from 1 to 99.
   *
   * @default 10
   */
  readonly percentage?: number;

  /**
   * How long the new version runs with that share before it gets every execution: whole minutes,
   * from 1 minute to 2,100 minutes.
   *
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
}

/**
 * A linear deployment: the same share of executions more at each step, until all of them.
 */
export interface LinearDeploymentOptions extends DeploymentOptions {
  /**
   * The percentage of executions moved to the new version at each step, from 1 to 99.
   *
   * @default 10
   */
  readonly percentage?: number;

  /**
   * The time between two steps: whole minutes, from 1 minute to 2,100 minutes. All the steps
   * (100 / percentage, rounded up) take at most 2,100 minutes together.
   *
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
}

/**
 * A version and the percentage of executions it gets.
 */
export interface VersionWeight {
  /** The version. */
  readonly version: IWorkflowVersion;

  /** The percentage of executions started with the alias that run this version: 0 to 100. */
  readonly weight: number;
}

/** How an alias routes, before it knows its state machine. */
interface TrafficSpec {
  readonly type?: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR';
  readonly routes?: VersionWeight[];
  readonly deployment?: DeploymentOptions & { percentage?: number; interval?: Duration };
}

/** The properties an alias resource gets from its traffic. */
interface RenderedTraffic {
  readonly routingConfiguration?: sfn.CfnStateMachineAlias.RoutingConfigurationVersionProperty[];
  readonly deploymentPreference?: sfn.CfnStateMachineAlias.DeploymentPreferenceProperty;
  /** The versions named. */
  readonly versions: IWorkflowVersion[];
}

/**
 * How an alias routes executions: to one version, split between two by weight, or to a new
 * version that CloudFormation deploys at once, as a canary, or linearly, watching alarms and
 * rolling back when one fires.
 *
 * A deployment (`allAtOnce()`, `canary()`, `linear()`) runs whenever the version it names
 * changes: with the default version, whenever the definition or the role changes. A canary or
 * linear deployment needs the alias to route every execution to one version when it starts.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/version-rolling-deployment.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-statemachinealias-deploymentpreference.html
 */
export class AliasTraffic {
  /**
   * Every execution runs `version`, whatever the state machine publishes later: the alias stays
   * where it is until you point it elsewhere (roll back to an older version this way).
   *
   * @param version the version
   */
  public static pinned(version: IWorkflowVersion): AliasTraffic {
    return new AliasTraffic({ routes: [{ version, weight: 100 }] });
  }

  /**
   * Executions split between two versions by weight (the weights add up to 100): fixed routing,
   * which stays as it is until you change it.
   *
   * @param routes the versions and their weights
   */
  public static split(routes: VersionWeight[]): AliasTraffic {
    return new AliasTraffic({ routes: [...routes] });
  }

  /**
   * CloudFormation moves every execution to the new version at once (`ALL_AT_ONCE`). The
   * CloudFormation documentation says it then rolls back if one of the alarms fires; the
   * resource provider's code checks the alarms only between the steps of canary and linear
   * deployments, so do not count on a rollback here.
   *
   * @param options the version and the alarms
   */
  public static allAtOnce(options: DeploymentOptions = {}): AliasTraffic {
    return new AliasTraffic({ type: 'ALL_AT_ONCE', deployment: options });
  }

  /**
   * CloudFormation sends `percentage` of executions to the new version, waits `interval` while
   * watching the alarms, then sends it every execution (`CANARY`). If an alarm fires, every
   * execution goes back to the previous version and the stack update fails.
   *
   * @param options the version, the share, the wait and the alarms
   */
  public static canary(options: CanaryDeploymentOptions = {}): AliasTraffic {
    return new AliasTraffic({
      type: 'CANARY',
      deployment: { ...options, percentage: options.percentage ?? 10, interval: options.interval ?? Duration.minutes(10) },
    });
  }

  /**
   * CloudFormation moves `percentage` more of the executions to the new version every
   * `interval`, watching the alarms, until it gets them all (`LINEAR`). If an alarm fires, every
   * execution goes back to the previous version and the stack update fails.
   *
   * @param options the version, the share per step, the time between steps and the alarms
   */
  public static linear(options: LinearDeploymentOptions = {}): AliasTraffic {
    return new AliasTraffic({
      type: 'LINEAR',
      deployment: { ...options, percentage: options.percentage ?? 10, interval: options.interval ?? Duration.minutes(10) },
    });
  }

  private constructor(private readonly spec: TrafficSpec) {}

  /**
   * The alias resource's routing or deployment preference, for `alias`.
   *
   * @internal
   */
  public _render(alias: WorkflowAlias): RenderedTraffic {
    if (this.spec.routes) {
      return {
        routingConfiguration: this.spec.routes.map((r) => ({ stateMachineVersionArn: r.version.versionArn, weight: r.weight })),
        versions: this.spec.routes.map((r) => r.version),
      };
    }
    const options = this.spec.deployment ?? {};
    const version = options.version ?? currentVersionOf(alias.stateMachine, alias.node.path);
    const explicit = options.alarms;
    // CloudFormation takes 1 to 100 alarm names: no alarm at all is an absent list, not an empty one.
    const alarmNames = explicit
      ? (explicit.length > 0 ? explicit.map((a) => a.alarmName) : undefined)
      // At synth: the WorkflowAlarms made for the state machine, the version or the alias, whenever they were made.
      : Lazy.uncachedList({ produce: () => defaultAlarms(alias, version).map((a) => a.alarmName) }, { omitEmpty: true });
    return {
      deploymentPreference: {
        type: this.spec.type!,
        stateMachineVersionArn: version.versionArn,
        percentage: options.percentage,
        interval: options.interval === undefined ? undefined : minutesOf(options.interval),
        alarms: alarmNames,
      },
      versions: [version],
    };
  }
}

/** An interval as CloudFormation's whole minutes; a fraction is kept, for SW056 to report. */
function minutesOf(interval: Duration): number {
  return interval.toMinutes({ integral: false });
}

/** The alarms a deployment watches by default, each once. */
function defaultAlarms(alias: WorkflowAlias, version: IWorkflowVersion): cloudwatch.IAlarm[] {
  const watched: IConstruct[] = [alias.stateMachine, version, alias];
  return [...new Set(watched.flatMap((w) => alarmsOf(w)))];
}

/**
 * The version a state machine publishes now: the one already made, or the one its Workflow
 * publishes (`currentVersion`), or a new `WorkflowVersion` under the state machine.
 */
function currentVersionOf(stateMachine: sfn.IStateMachine, path: string): IWorkflowVersion {
  const cfn = findCfnStateMachine(stateMachine);
  if (!cfn) {
    throw new StepwiseError({
      code: CODES.SW071,
      statePath: '',
      message: `${stateMachine.node.path} is not defined in this app, so the alias cannot publish its current version`,
      fix: 'pass the version to deploy (`version`), e.g. WorkflowVersion.fromVersionArn()',
    }, path);
  }
  return versionOf(cfn) ?? publisherOf(cfn)?.() ?? new WorkflowVersion(stateMachine as unknown as Construct, 'CurrentVersion', { stateMachine });
}

/**
 * How an alias is made.
 */
export interface WorkflowAliasOptions {
  /**
   * How the alias routes executions.
   *
   * @default AliasTraffic.allAtOnce() - every execution runs the current version, from the
   * deployment that publishes it on
   */
  readonly traffic?: AliasTraffic;

  /**
   * A description of the alias (1 to 256 characters).
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * Properties of a `WorkflowAlias`.
 */
export interface WorkflowAliasProps extends WorkflowAliasOptions {
  /**
   * The alias name: 1 to 80 letters, digits, `-`, `_` and `.`, not only digits. Changing it
   * replaces the alias.
   */
  readonly aliasName: string;

  /** The state machine the alias belongs to: a `Workflow`, or any state machine. */
  readonly stateMachine: sfn.IStateMachine;
}

/**
 * What identifies an alias defined elsewhere.
 */
export interface WorkflowAliasAttributes {
  /** The alias ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>:<alias>`). */
  readonly aliasArn: string;

  /**
   * Standard or Express: lets the grants refuse what the type cannot do.
   *
   * @default - not known
   */
  readonly workflowType?: sfn.StateMachineType;
}

/**
 * An alias of a state machine (`AWS::StepFunctions::StateMachineAlias`): a stable name to start
 * executions with, which routes them to a version, and which CloudFormation can move to a new
 * version at once, as a canary or linearly, rolling back when an alarm fires. Usually made by a
 * Workflow: `workflow.addAlias('live', { traffic: AliasTraffic.canary() })`.
 *
 * An alias is a state machine wherever aws-cdk-lib takes one (EventBridge targets, API Gateway
 * integrations, nested executions): its grants are those of starting and managing executions
 * through the alias, and its metrics those of executions started with it.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const live = new WorkflowAlias(this, 'Live', {
 *   stateMachine: workflow,
 *   aliasName: 'live',
 *   traffic: AliasTraffic.canary({ percentage: 10, interval: Duration.minutes(15) }),
 * });
 * live.grantStartExecution(invokerRole);
 */
export class WorkflowAlias extends QualifiedStateMachineBase implements IWorkflowAlias {
  /**
   * An alias defined elsewhere, by its ARN.
   *
   * @param scope the scope
   * @param id the construct ID
   * @param aliasArn `arn:aws:states:<region>:<account>:stateMachine:<name>:<alias>`
   */
  public static fromAliasArn(scope: Construct, id: string, aliasArn: string): IWorkflowAlias {
    return WorkflowAlias.fromAliasAttributes(scope, id, { aliasArn });
  }

  /**
   * An alias defined elsewhere, by its ARN and type.
   *
   * @param scope the scope
   * @param id the construct ID
   * @param attrs the ARN and, optionally, the type
   */
  public static fromAliasAttributes(scope: Construct, id: string, attrs: WorkflowAliasAttributes): IWorkflowAlias {
    return new ImportedAlias(scope, id, attrs);
  }

  /** The alias ARN. */
  public readonly aliasArn: string;

  /** The alias name. */
  public readonly aliasName: string;

  /** The alias ARN: what executions are started with. */
  public readonly stateMachineArn: string;

  /** The alias name. */
  public readonly qualifier: string;

  /** The state machine the alias belongs to. */
  public readonly stateMachine: sfn.IStateMachine;

  /**
   * Standard or Express.
   *
   * @default - read from the state machine when it is defined in this app
   */
  public readonly workflowType?: sfn.StateMachineType;

  /** The versions the alias routes or deploys to, as given (or published for it). */
  public readonly versions: IWorkflowVersion[];

  protected readonly metricDimension = 'Alias';
  protected readonly readActions = ['states:ListExecutions', 'states:DescribeStateMachine', 'states:DescribeStateMachineAlias'];

  /**
   * @param scope the scope
   * @param id the construct ID
   * @param props the name, the state machine and the traffic
   * @throws StepwiseError for a name, description, routing or deployment Step Functions or
   * CloudFormation refuses (SW050-SW061)
   */
  constructor(scope: Construct, id: string, props: WorkflowAliasProps) {
    super(scope, id);
    this.stateMachine = props.stateMachine;
    this.aliasName = props.aliasName;
    this.qualifier = props.aliasName;
    const cfn = findCfnStateMachine(props.stateMachine);
    const type = cfn ? this.stack.resolve(cfn.stateMachineType) : undefined;
    this.workflowType = !cfn ? undefined : type === sfn.StateMachineType.EXPRESS ? sfn.StateMachineType.EXPRESS
      : type === undefined || type === sfn.StateMachineType.STANDARD ? sfn.StateMachineType.STANDARD : undefined;

    const traffic = (props.traffic ?? AliasTraffic.allAtOnce())._render(this);
    this.versions = traffic.versions;
    const resource = new sfn.CfnStateMachineAlias(this, 'Resource', {
      name: props.aliasName,
      description: props.description,
      routingConfiguration: traffic.routingConfiguration,
      deploymentPreference: traffic.deploymentPreference,
    });
    // Routes, versions and deployment are checked now (errors throw where the alias is made)
    // and again when the app is synthesized, after any change through the L1 resource.
    const error = firstError(aliasFindings(resource, props.stateMachine));
    if (error) {
      throw new StepwiseError({
        code: codeInfo(error.code), statePath: '', message: error.message, limit: error.limit, actual: error.actual, fix: error.fix,
      }, this.node.path);
    }
    attachAliasChecks(this, resource, props.stateMachine);

    this.aliasArn = resource.attrArn;
    this.stateMachineArn = this.aliasArn;
  }

  protected describe(): string {
    return `the alias '${Token.isUnresolved(this.aliasName) ? this.node.path : this.aliasName}'`;
  }
}

/** An alias defined elsewhere. */
class ImportedAlias extends QualifiedStateMachineBase implements IWorkflowAlias {
  public readonly aliasArn: string;
  public readonly aliasName: string;
  public readonly stateMachineArn: string;
  public readonly qualifier: string;
  public readonly stateMachine: sfn.IStateMachine;
  public readonly workflowType?: sfn.StateMachineType;
  protected readonly metricDimension = 'Alias';
  protected readonly readActions = ['states:ListExecutions', 'states:DescribeStateMachine', 'states:DescribeStateMachineAlias'];

  constructor(scope: Construct, id: string, attrs: WorkflowAliasAttributes) {
    super(scope, id, { environmentFromArn: attrs.aliasArn });
    this.aliasArn = attrs.aliasArn;
    this.stateMachineArn = attrs.aliasArn;
    this.aliasName = qualifierOf(attrs.aliasArn);
    this.qualifier = this.aliasName;
    this.workflowType = attrs.workflowType;
    this.stateMachine = sfn.StateMachine.fromStateMachineArn(this, 'StateMachine', unqualifiedArnOf(attrs.aliasArn));
  }

  protected describe(): string {
    return `the alias ${this.aliasArn}`;
  }
}
