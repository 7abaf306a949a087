import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW05x-SW07x: publishing versions, aliases and gradual deployments (`WorkflowVersion`,
 * `WorkflowAlias`, `AliasTraffic`), the grants made through a version or an alias, and what
 * breaks executions still running on an older version. Bad props throw when the construct is
 * created; an alias changed through its L1 resource, or written with `CfnStateMachineAlias`, is
 * checked at synth (`StepwiseChecks`); the counts and the in-flight warnings are the `DEPLOYMENT`
 * rule pack of the state machine's validation.
 */
export const DEPLOYMENT_CODES = defineCodes({
  SW050: {
    title: 'Invalid alias name',
    severity: Severity.ERROR,
    meaning: 'A state machine alias name must have 1 to 80 characters, only letters, digits, `-`, `_` and `.`, and at least one character that is not a digit (so that it cannot be mistaken for a version number).',
    fix: 'Use a name such as `live`, `prod` or `blue-1`.',
  },
  SW051: {
    title: 'Alias or version description too long',
    severity: Severity.ERROR,
    meaning: 'Step Functions accepts alias and version descriptions of at most 256 characters (API `AliasDescription`, `VersionDescription`).',
    fix: 'Shorten the description to 256 characters or fewer.',
  },
  SW052: {
    title: 'Routing weights do not add up to 100',
    severity: Severity.ERROR,
    meaning: 'The versions an alias routes to must have whole-number weights from 0 to 100 that add up to exactly 100: each weight is the percentage of executions that version gets.',
    fix: 'Give the versions weights that add up to 100, e.g. 90 and 10.',
  },
  SW053: {
    title: 'Alias routes to more than two versions, or to none',
    severity: Severity.ERROR,
    meaning: 'An alias routes its executions to one version, or splits them between two versions of the same state machine. It cannot route to three versions, and it must route to at least one.',
    fix: 'Route to one version, or split between two; to deploy a new version gradually, use `AliasTraffic.canary()` or `AliasTraffic.linear()`.',
  },
  SW054: {
    title: 'Alias routes to a version of another state machine, or to one version twice',
    severity: Severity.ERROR,
    meaning: 'Every version an alias routes or deploys to must be a version of the alias\'s own state machine, and a split must name two different versions.',
    fix: 'Route to versions of the state machine the alias belongs to (`workflow.currentVersion` or `WorkflowVersion.fromVersionArn()` of that state machine), each once.',
  },
  SW055: {
    title: 'Deployment percentage out of range',
    severity: Severity.ERROR,
    meaning: 'A canary or linear deployment shifts a whole-number percentage of executions from 1 to 99 at each step (CloudFormation `DeploymentPreference.Percentage`).',
    fix: 'Use a percentage from 1 to 99, e.g. 10.',
  },
  SW056: {
    title: 'Deployment interval out of range',
    severity: Severity.ERROR,
    meaning: 'A canary or linear deployment waits a whole number of minutes from 1 to 2,100 between two steps (CloudFormation `DeploymentPreference.Interval`).',
    fix: 'Use an interval of whole minutes, from 1 minute to 2,100 minutes (35 hours).',
  },
  SW057: {
    title: 'Linear deployment longer than 2,100 minutes',
    severity: Severity.ERROR,
    meaning: 'CloudFormation refuses a linear deployment whose steps take longer than 2,100 minutes in all: the number of steps (100 divided by the percentage, rounded up) times the interval.',
    fix: 'Shift a larger percentage at each step, or wait less between steps.',
  },
  SW058: {
    title: 'Too many deployment alarms',
    severity: Severity.ERROR,
    meaning: 'A deployment watches at most 100 CloudWatch alarms, each named with 1 to 256 characters (CloudFormation `DeploymentPreference.Alarms`).',
    fix: 'Watch at most 100 alarms: combine related ones into a composite alarm.',
  },
  SW059: {
    title: 'Deployment alarm given by ARN',
    severity: Severity.ERROR,
    meaning: 'A deployment names an alarm by its ARN. CloudFormation looks alarms up by name and treats an alarm it cannot find as OK, so the deployment would never roll back on it.',
    fix: 'Name the alarm by its name (`alarm.alarmName`), not its ARN.',
  },
  SW060: {
    title: 'Alias with both routing and a deployment preference, or neither',
    severity: Severity.ERROR,
    meaning: 'An `AWS::StepFunctions::StateMachineAlias` takes exactly one of `RoutingConfiguration` (fixed weights) and `DeploymentPreference` (a deployment CloudFormation performs).',
    fix: 'Keep one of the two: `AliasTraffic.pinned()` or `AliasTraffic.split()` for fixed routing, `AliasTraffic.allAtOnce()`, `canary()` or `linear()` for a deployment.',
  },
  SW061: {
    title: 'Unknown deployment type, or a gradual deployment without its steps',
    severity: Severity.ERROR,
    meaning: 'A deployment preference has a `Type` other than `ALL_AT_ONCE`, `CANARY` and `LINEAR`, or a `CANARY` or `LINEAR` deployment lacks its `Percentage` or `Interval`.',
    fix: 'Use `AliasTraffic.allAtOnce()`, `canary()` or `linear()`, which always write a complete deployment preference.',
  },
  SW062: {
    title: 'Deployment watches no alarms',
    severity: Severity.WARNING,
    meaning: 'A canary, linear or all-at-once deployment watches no CloudWatch alarm, so CloudFormation cannot roll it back when the new version fails: it shifts all executions to the new version whatever happens.',
    fix: 'Create `WorkflowAlarms` for the workflow (the deployment watches them by default) or pass `alarms`; acknowledge the warning if a person watches the deployment.',
  },
  SW063: {
    title: 'More than 100 aliases',
    severity: Severity.WARNING,
    meaning: 'A state machine has more than 100 aliases in the template. Step Functions allows 100 aliases per state machine unless the quota was raised, so the deployment fails on the 101st.',
    fix: 'Remove aliases, or ask AWS Support to raise the quota "Maximum number of aliases per state machine" and acknowledge the warning.',
  },
  SW064: {
    title: 'Two aliases with the same name',
    severity: Severity.ERROR,
    meaning: 'Two aliases of one state machine have the same name. Alias names are unique per state machine, so CloudFormation would fail to create the second.',
    fix: 'Give each alias of the state machine its own name.',
  },
  SW065: {
    title: 'Two versions of one state machine in one template',
    severity: Severity.ERROR,
    meaning: 'Two version resources publish the same state machine. A version pins the state machine\'s current revision, and Step Functions refuses a second version of a revision that already has one: CloudFormation fails with `AlreadyExists`.',
    fix: 'Publish one version per state machine (`workflow.currentVersion`); it is replaced by a new one whenever the definition or the role changes, and older ones are kept per its removal policy.',
  },
  SW066: {
    title: 'Synchronous start of a Standard workflow',
    severity: Severity.ERROR,
    meaning: '`StartSyncExecution` starts Express workflows only; a grant of it on a Standard workflow (or an API Gateway integration, which starts executions synchronously) could never be used.',
    fix: 'Grant `grantStartExecution()` for a Standard workflow, or make the workflow Express.',
  },
  SW067: {
    title: 'Redrive of an Express workflow',
    severity: Severity.ERROR,
    meaning: 'Only Standard workflow executions can be redriven; a grant of `states:RedriveExecution` on an Express workflow could never be used.',
    fix: 'Remove the grant, or make the workflow Standard.',
  },
  SW068: {
    title: 'Action cannot be narrowed to a version or alias',
    severity: Severity.ERROR,
    meaning: 'A grant through a version or alias names a state machine action that does not support the `states:StateMachineQualifier` condition key, so IAM cannot limit it to that version or alias: it would be refused (or, without the condition, allowed on the whole state machine).',
    fix: 'Grant the action on the workflow itself (`workflow.grant()`), knowing it covers every version; through the version or alias, grant only StartExecution, StartSyncExecution, DescribeStateMachine, ListExecutions and the alias actions.',
  },
  SW069: {
    title: 'Published workflow invokes a Lambda function\'s $LATEST',
    severity: Severity.WARNING,
    meaning: 'A workflow that publishes versions invokes a Lambda function by its unqualified ARN, which runs `$LATEST`: an execution still running on an older version of the workflow calls whatever code the function has now, not the code it was published with, and a canary of the workflow does not cover the function\'s changes.',
    fix: 'Invoke a version or an alias of the function (`fn.currentVersion`, `fn.addAlias(\'live\')`), or acknowledge the warning if the function is compatible with every version of the workflow.',
  },
  SW070: {
    title: 'Published workflow starts the latest revision of a nested state machine',
    severity: Severity.WARNING,
    meaning: 'A workflow that publishes versions starts a nested state machine by its unqualified ARN, which runs its latest revision: an execution still running on an older version of the workflow starts whatever definition the child has now.',
    fix: 'Start a version or an alias of the child (`child.currentVersion`, `child.addAlias(\'live\')`), or acknowledge the warning if the child is compatible with every version of the workflow.',
  },
  SW071: {
    title: 'Cannot publish a version of this state machine',
    severity: Severity.ERROR,
    meaning: 'A version pins the revision of a state machine defined in this app (`sfn.StateMachine` or `Workflow`); an imported state machine has no revision the app knows, so publishing it would fail or publish the wrong revision.',
    fix: 'Publish versions in the app that defines the state machine, and import them elsewhere with `WorkflowVersion.fromVersionArn()`.',
  },
  SW072: {
    title: 'Number of versions to keep out of range',
    severity: Severity.ERROR,
    meaning: 'A workflow keeps from 1 to 1,000 of its newest versions (`versionsToKeep`): Step Functions allows 1,000 versions per state machine, and the version just published is always kept.',
    fix: 'Keep a whole number of versions from 1 to 1,000, e.g. 10; leave it unset to keep every retained version.',
  },
});
