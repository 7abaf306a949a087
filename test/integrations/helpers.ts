import aslValidator from 'asl-validator';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { Asl } from '../../src/core/asl/asl';
import { Step } from '../../src/core/step';


/**
 * A stack in a fixed account and Region, in a fresh app.
 *
 * @param context app context, e.g. feature flags
 */
export function newStack(context: { [key: string]: unknown } = {}): Stack {
  return new Stack(new App({ context }), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** Options for `machineWith`. */
export interface MachineOptions {
  /** The state name. @default 'Task' */
  readonly stateName?: string;
  /** The query language the step is bound with. @default - none (inherit) */
  readonly queryLanguage?: sfn.QueryLanguage;
  /** The state machine's query language. @default - JSONPath */
  readonly machineQueryLanguage?: sfn.QueryLanguage;
  /** The state machine type. @default STANDARD */
  readonly stateMachineType?: sfn.StateMachineType;
}

/** A state machine whose definition is `step`, bound straight into aws-cdk-lib. */
export function machineWith(stack: Stack, step: Step, options: MachineOptions = {}): sfn.StateMachine {
  const stateName = options.stateName ?? 'Task';
  const chainable = step.bind(stack, stateName, { stateName, queryLanguage: options.queryLanguage });
  return new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(chainable),
    queryLanguage: options.machineQueryLanguage,
    stateMachineType: options.stateMachineType,
  });
}

/**
 * The rendered state `name` of a state machine (placeholders for CloudFormation values), after
 * checking the whole definition with `expectValidAsl()`: every definition a test looks at is
 * also checked by the third-party validator.
 */
export function stateOf(machine: IConstruct, name = 'Task'): Record<string, any> {
  expectValidAsl(machine);
  return Asl.of(machine).States[name];
}

// Placeholders asl-validator's ARN pattern cannot take in a `Resource` (it wants a literal
// partition and a numeric account): replaced in this helper only, never in the rendered ASL.
const RESOURCE_PLACEHOLDERS: Array<[RegExp, string]> = [
  [/\$\{AWS::Partition\}/g, 'aws'],
  [/\$\{AWS::Region\}/g, 'us-east-1'],
  [/\$\{AWS::AccountId\}/g, '123456789012'],
];

// A whole `Resource` that is a resource's attribute (the function ARN of a legacy Lambda task,
// an activity ARN) becomes a syntactically valid sample ARN.
const RESOURCE_REFERENCE = /^\$\{(?:GetAtt|Ref|ImportValue):([^}]+)\}$/;

function forValidator(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== 'Resource') {
      return value;
    }
    const reference = RESOURCE_REFERENCE.exec(value);
    if (reference) {
      return `arn:aws:cloudformation:us-east-1:123456789012:placeholder/${reference[1]}`;
    }
    return RESOURCE_PLACEHOLDERS.reduce((s, [re, to]) => s.replace(re, to), value);
  }
  if (Array.isArray(value)) {
    return value.map((v) => forValidator(v));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forValidator(v, k)]));
  }
  return value;
}

/**
 * Asserts that the state machine's definition passes the third-party validator `asl-validator`
 * (JSON schema of the States Language, path syntax, ARN syntax of `Resource`). The definition is
 * rendered with `Asl.of()`; CloudFormation placeholders in `Resource` are replaced by sample
 * values first (a copy is validated: the validator writes into its input).
 */
export function expectValidAsl(stateMachine: IConstruct): void {
  const definition = forValidator(Asl.of(stateMachine));
  const result = aslValidator(definition, { checkPaths: true, checkArn: true });
  if (!result.isValid) {
    throw new Error(`asl-validator rejected the definition of ${stateMachine.node.path}: ${result.errorsText('; ')}\n${JSON.stringify(definition, undefined, 2)}`);
  }
}

/**
 * Asserts that the state machine role of `machineWith()` (`MachineRole`) has exactly one policy,
 * with exactly these statements, in this order.
 */
export function expectPolicy(stack: Stack, statements: unknown[]): void {
  const template = Template.fromStack(stack);
  const onRole = { Roles: [{ Ref: Match.stringLikeRegexp('^MachineRole') }] };
  expect(Object.keys(template.findResources('AWS::IAM::Policy', { Properties: onRole }))).toHaveLength(1);
  template.hasResourceProperties('AWS::IAM::Policy', {
    ...onRole,
    PolicyDocument: Match.objectEquals({ Version: '2012-10-17', Statement: statements }),
  });
}

/** The IAM statements of the state machine role's policy (`machineWith()`), as rendered. */
export function roleStatements(stack: Stack): unknown[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^MachineRole') }] },
  });
  return Object.values(policies).flatMap((p) => (p as any).Properties.PolicyDocument.Statement);
}

/** `arn:${AWS::Partition}:<rest>` as CloudFormation renders it (`Fn::Join` with the partition). */
export function arn(rest: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${rest}`]] };
}

/** The logical ID of a construct's CloudFormation resource (its default child). */
export function logicalId(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(resource);
}

/** `{ "Fn::GetAtt": [<logical ID>, <attribute>] }` of a construct. */
export function getAtt(construct: IConstruct, attribute: string): unknown {
  return { 'Fn::GetAtt': [logicalId(construct), attribute] };
}

/** `{ "Ref": <logical ID> }` of a construct. */
export function ref(construct: IConstruct): unknown {
  return { Ref: logicalId(construct) };
}

/**
 * The `Retry` entries the services' default presets render to, written out from the presets'
 * documented errors and settings (src/patterns/retry.ts), so that a change to a preset or to a
 * step's default shows up here.
 */
export const RETRIERS = {
  lambdaServiceErrors: {
    ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  lambdaThrottling: {
    ErrorEquals: ['Lambda.TooManyRequestsException'],
    IntervalSeconds: 5,
    MaxAttempts: 8,
    BackoffRate: 2,
    MaxDelaySeconds: 120,
    JitterStrategy: 'FULL',
  },
  s3Throttling: {
    ErrorEquals: ['S3.ThrottlingException', 'S3.TooManyRequestsException', 'S3.ProvisionedThroughputExceededException', 'S3.RequestLimitExceededException'],
    IntervalSeconds: 2,
    MaxAttempts: 8,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  sqsThrottling: {
    ErrorEquals: ['Sqs.ThrottlingException', 'Sqs.TooManyRequestsException', 'Sqs.ProvisionedThroughputExceededException', 'Sqs.RequestLimitExceededException'],
    IntervalSeconds: 2,
    MaxAttempts: 8,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  dynamoDbThrottling: {
    ErrorEquals: [
      'DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded',
      'DynamoDB.InternalServerError', 'DynamoDB.ServiceUnavailable',
    ],
    IntervalSeconds: 1,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 30,
    JitterStrategy: 'FULL',
  },
  ecsRunTask: {
    ErrorEquals: ['ECS.AmazonECSException', 'AmazonECS.Unknown'],
    IntervalSeconds: 10,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 300,
    JitterStrategy: 'FULL',
  },
  batchSubmitJob: {
    ErrorEquals: ['Batch.AWSBatchException', 'Batch.ServerException'],
    IntervalSeconds: 2,
    MaxAttempts: 10,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  glueStartJobRun: {
    ErrorEquals: ['Glue.ConcurrentRunsExceededException', 'Glue.InternalServiceException', 'Glue.OperationTimeoutException'],
    IntervalSeconds: 30,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 600,
    JitterStrategy: 'FULL',
  },
  stepFunctionsStartExecution: {
    ErrorEquals: ['StepFunctions.ExecutionLimitExceeded'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
  httpInvoke: {
    ErrorEquals: ['States.Http.StatusCode.429', 'States.Http.StatusCode.502', 'States.Http.StatusCode.503', 'States.Http.StatusCode.504'],
    IntervalSeconds: 2,
    MaxAttempts: 5,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  },
};
