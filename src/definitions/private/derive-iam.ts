/*
 * The state machine role's statements, derived from the Task states (and Distributed Maps) of a
 * definition given as Amazon States Language. The statements themselves come from
 * ../../integrations/private/task-policies.ts, the functions the typed steps use: this file only
 * reads, from each state's Resource and parameters, what those functions act on.
 */
import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { SubstitutedResource } from './resource';
import { DefinitionModel, StateNode, isDistributedMap, isObject } from '../../core/asl/model';
import { CODES } from '../../core/codes';
import { CodeInfo } from '../../core/codes/types';
import { RESULT_WRITER_ACTIONS, distributedMapS3Statements } from '../../core/distributed-map-iam';
import { StepwiseError } from '../../core/errors';
import { sdkIamActions } from '../../integrations/private/sdk-iam';
import { SDK_SERVICES } from '../../integrations/private/sdk-services';
import * as policies from '../../integrations/private/task-policies';

/** What a state is granted instead of, or beside, what is derived (the public `AslStateGrant`). */
export interface StateGrant {
  readonly resourceArns?: string[];
  readonly allResources?: boolean;
  readonly statements?: iam.PolicyStatement[];
}

/** What deriving needs to know besides the definition. */
export interface DeriveInput {
  readonly scope: IConstruct;
  /** Resource substitutions, by the text they wrote into the definition. */
  readonly resources: ReadonlyMap<string, SubstitutedResource>;
  readonly grants: { readonly [stateName: string]: StateGrant };
  readonly constructPath?: string;
}

/** The statements derived for a definition. */
export interface DerivedIam {
  /** For the role's default policy. */
  readonly statements: iam.PolicyStatement[];
  /** One entry per Distributed Map: its `Label`, or undefined. */
  readonly distributedMapLabels: Array<string | undefined>;
  /** The statements derived per state, for reports and tests (an empty list: the state needs none). */
  readonly byState: ReadonlyMap<string, iam.PolicyStatement[]>;
  /**
   * The patterns of the nested executions that start this state machine itself
   * (`StateMachineArn` is `$$.StateMachine.Id`), granted on its own ARN by the Workflow.
   */
  readonly selfExecutionPatterns: sfn.IntegrationPattern[];
  /** The functions a state invokes a version or alias of (unqualified ARNs). */
  readonly invokesQualifiedLambdaOf: string[];
  /** The state machines a state starts a version of (unqualified ARNs). */
  readonly startsVersionOf: string[];
}

/** `$$.StateMachine.Id` (JSONPath) or `$states.context.StateMachine.Id` (JSONata): the state machine's own ARN. */
const SELF_ARN = /^(\$\$\.StateMachine\.Id|\{%\s*\$states\.context\.StateMachine\.Id\s*%\})$/;

/** The integrations whose statements are derived, for messages. */
export const SUPPORTED_INTEGRATIONS = [
  'lambda:invoke', 'sqs:sendMessage', 'sns:publish', 'events:putEvents', 'dynamodb:getItem|putItem|updateItem|deleteItem',
  'ecs:runTask', 'batch:submitJob', 'glue:startJobRun', 'codebuild:startBuild', 'states:startExecution', 'athena:startQueryExecution',
  'http:invoke', 'bedrock:invokeModel', 'apigateway:invoke', 'aws-sdk:<service>:<action>', 'Lambda function ARNs', 'activity ARNs',
];

// Integration ARNs may name a Region and account (arn:aws:states:us-east-1:123456789012:aws-sdk:...).
const SERVICE_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:(.+?)(\.sync(?::2)?|\.waitForTaskToken)?$/;
const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:.+$/;
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:.+$/;

/** The IAM service prefix of each kind of substituted resource. */
const RESOURCE_SERVICES: { readonly [kind: string]: string } = {
  lambdaFunction: 'lambda',
  queue: 'sqs',
  topic: 'sns',
  table: 'dynamodb',
  bucket: 's3',
  eventBus: 'events',
  stateMachine: 'states',
  activity: 'states',
  connection: 'events',
  secret: 'secretsmanager',
  ecsCluster: 'ecs',
  ecsTaskDefinition: 'ecs',
  batchJobQueue: 'batch',
  batchJobDefinition: 'batch',
  codeBuildProject: 'codebuild',
  role: 'iam',
  bedrockModel: 'bedrock',
};

/** A field of a state's parameters: a literal, an expression known at run time, or absent. */
type Field =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'dynamic'; readonly expression: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'other'; readonly value: unknown };

function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /^\{%[\s\S]*%\}$/.test(value.trim());
}

/** Reads `a.b.c` of a state's parameters (JSONPath `Parameters`, JSONata `Arguments`). */
function fieldAt(args: unknown, dotted: string): Field {
  let current: unknown = args;
  const parts = dotted.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (isExpression(current)) {
      return { kind: 'dynamic', expression: String(current) };
    }
    if (!isObject(current)) {
      return { kind: 'missing' };
    }
    const name = parts[i];
    if (current[`${name}.$`] !== undefined) {
      return { kind: 'dynamic', expression: String(current[`${name}.$`]) };
    }
    current = current[name];
  }
  if (current === undefined) {
    return { kind: 'missing' };
  }
  if (isExpression(current)) {
    return { kind: 'dynamic', expression: String(current) };
  }
  return typeof current === 'string' ? { kind: 'literal', value: current } : { kind: 'other', value: current };
}

/** Derives the statements of every Task state and Distributed Map of a definition. */
export function deriveIam(model: DefinitionModel, input: DeriveInput): DerivedIam {
  const byState = new Map<string, iam.PolicyStatement[]>();
  const distributedMapLabels: Array<string | undefined> = [];
  const selfExecutionPatterns: sfn.IntegrationPattern[] = [];
  const invokesQualifiedLambdaOf = new Set<string>();
  const startsVersionOf = new Set<string>();
  for (const name of Object.keys(input.grants)) {
    if (!model.statesByName.has(name)) {
      throw new StepwiseError({
        code: CODES.SW026,
        statePath: name,
        message: `a grant names the state '${name}', which the definition does not have`,
        actual: `states: ${[...model.statesByName.keys()].map((n) => `'${n}'`).join(', ')}`,
      }, input.constructPath);
    }
    checkGrant(name, input.grants[name], input.constructPath);
  }
  for (const state of model.states) {
    const grant = input.grants[state.name];
    const deriver = new StateDeriver(state, input);
    let statements: iam.PolicyStatement[] = [];
    if (state.type === 'Task') {
      statements = grant?.statements ?? deriver.task();
      if (deriver.selfExecution) {
        selfExecutionPatterns.push(deriver.selfExecution);
      }
      deriver.qualifiedFunctions.forEach((f) => invokesQualifiedLambdaOf.add(f));
      deriver.versionedMachines.forEach((m) => startsVersionOf.add(m));
      byState.set(state.name, statements);
    } else if (isDistributedMap(state)) {
      distributedMapLabels.push(typeof state.json.Label === 'string' ? state.json.Label : undefined);
      statements = grant?.statements ?? deriver.distributedMap();
    } else if (grant?.statements) {
      statements = grant.statements;
    }
    if (statements.length > 0) {
      byState.set(state.name, statements);
    }
  }
  return {
    statements: [...byState.values()].flat(),
    distributedMapLabels,
    byState,
    selfExecutionPatterns,
    invokesQualifiedLambdaOf: [...invokesQualifiedLambdaOf],
    startsVersionOf: [...startsVersionOf],
  };
}

/** SW035: an explicit grant says `*` only through `allResources`. */
function checkGrant(name: string, grant: StateGrant, constructPath?: string): void {
  const arns = grant.resourceArns ?? [];
  if (arns.includes('*') || (arns.length > 0 && grant.allResources)) {
    throw new StepwiseError({
      code: CODES.SW035,
      statePath: name,
      message: `the grant for '${name}' ${arns.includes('*') ? "lists '*' in resourceArns" : 'gives both resourceArns and allResources'}`,
      actual: `resourceArns: [${arns.join(', ')}]${grant.allResources ? ', allResources: true' : ''}`,
    }, constructPath);
  }
}

/** Derives one state's statements. */
class StateDeriver {
  private readonly stack: Stack;
  private readonly args: unknown;
  private readonly grant?: StateGrant;
  /** Set when the state starts an execution of this state machine itself. */
  public selfExecution?: sfn.IntegrationPattern;
  /** The functions whose version or alias the state invokes (unqualified ARNs). */
  public readonly qualifiedFunctions: string[] = [];
  /** The state machines whose version the state starts (unqualified ARNs). */
  public readonly versionedMachines: string[] = [];

  constructor(private readonly state: StateNode, private readonly input: DeriveInput) {
    this.stack = Stack.of(input.scope);
    this.args = state.queryLanguage === 'JSONata' ? state.json.Arguments : state.json.Parameters;
    this.grant = input.grants[state.name];
  }

  public task(): iam.PolicyStatement[] {
    const credentials = this.state.json.Credentials;
    if (isObject(credentials)) {
      // The call runs with the role the state names: the state machine role only assumes it.
      const roleArn = this.arns('Credentials.RoleArn', fieldAt(credentials, 'RoleArn'), (v) => v.startsWith('arn:') ? v : undefined, credentials);
      return policies.assumeRoleStatements(roleArn[0]);
    }
    const resource = this.state.json.Resource;
    if (typeof resource !== 'string') {
      return this.fail(CODES.SW030, 'Resource', 'the Task state has no Resource string', String(resource));
    }
    const substituted = this.input.resources.get(resource);
    if (substituted?.kind === 'activity' || (!substituted && ACTIVITY_ARN.test(resource))) {
      // An activity task needs nothing of the state machine role: its workers call GetActivityTask.
      return [];
    }
    if (substituted?.kind === 'lambdaFunction' || (!substituted && LAMBDA_ARN.test(resource))) {
      this.recordQualifiedFunction(resource);
      return policies.lambdaInvokeStatements(substituted?.arn ?? resource);
    }
    const m = SERVICE_ARN.exec(resource);
    if (!m) {
      return this.unsupported(resource);
    }
    const [, api, suffix] = m;
    const pattern = suffix === undefined ? sfn.IntegrationPattern.REQUEST_RESPONSE
      : suffix === '.waitForTaskToken' ? sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN : sfn.IntegrationPattern.RUN_JOB;
    if (api.startsWith('aws-sdk:')) {
      return this.sdk(api.slice('aws-sdk:'.length));
    }
    switch (api) {
      case 'lambda:invoke': {
        const f = this.field('FunctionName');
        if (f.kind === 'literal') {
          this.recordQualifiedFunction(f.value);
        }
        return this.arns('FunctionName', f, (v) => this.functionArn(v)).flatMap((arn) => policies.lambdaInvokeStatements(arn));
      }
      case 'sqs:sendMessage':
        return this.sqs();
      case 'sns:publish':
        return this.sns();
      case 'events:putEvents':
        return this.putEvents();
      case 'dynamodb:getItem': case 'dynamodb:putItem': case 'dynamodb:updateItem': case 'dynamodb:deleteItem':
        return this.dynamoDb(api.slice('dynamodb:'.length) as policies.DynamoDbApi);
      case 'ecs:runTask':
        return this.ecs(pattern);
      case 'batch:submitJob':
        return this.batch(pattern);
      case 'glue:startJobRun': {
        const name = this.literal('JobName');
        return name === undefined
          ? this.granted('JobName', ['glue:StartJobRun', ...(pattern === sfn.IntegrationPattern.RUN_JOB ? ['glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'] : [])])
          : policies.glueStartJobRunStatements(this.input.scope, name, pattern);
      }
      case 'codebuild:startBuild': {
        const arn = this.arns('ProjectName', this.field('ProjectName'), (v) => v.startsWith('arn:') ? v
          : this.stack.formatArn({ service: 'codebuild', resource: 'project', resourceName: v }));
        return policies.codeBuildStartBuildStatements(this.input.scope, arn[0], pattern);
      }
      case 'states:startExecution':
        return this.startExecution(pattern);
      case 'athena:startQueryExecution':
        return this.athena(pattern);
      case 'http:invoke':
        return this.http();
      case 'bedrock:invokeModel':
        return this.bedrock();
      case 'apigateway:invoke':
        return this.apiGateway();
      default:
        return this.unsupported(resource);
    }
  }

  /**
   * A Distributed Map's item reader and result writer: what they read, list and write must be
   * known at synth (SW030, SW031, SW032 otherwise, unless granted explicitly); the statements
   * themselves come from `distributedMapS3Statements`, the builder's own, so an imported map and
   * a built one are granted alike.
   */
  public distributedMap(): iam.PolicyStatement[] {
    const json = this.state.json;
    const statements: iam.PolicyStatement[] = [];
    const resolved: Record<string, unknown> = {};
    const reader = json.ItemReader;
    if (isObject(reader) && typeof reader.Resource === 'string') {
      const args = this.state.queryLanguage === 'JSONata' ? reader.Arguments : reader.Parameters;
      const bucket = this.bucketOf('ItemReader', args);
      if (!reader.Resource.endsWith(':s3:listObjectsV2') && !reader.Resource.endsWith(':s3:getObject')) {
        this.fail(CODES.SW030, 'ItemReader.Resource', `the item reader '${reader.Resource}' is not s3:getObject or s3:listObjectsV2`, reader.Resource);
      }
      const name = reader.Resource.endsWith(':s3:listObjectsV2') ? 'Prefix' : 'Key';
      const field = fieldAt(args, name);
      if (bucket === undefined) {
        // granted explicitly (the bucket is chosen at run time): the key or prefix does not matter
      } else if (field.kind === 'dynamic') {
        this.fail(CODES.SW031, `ItemReader.${name}`, `the ${name === 'Key' ? 'object read' : 'prefix listed'} is chosen at run time (${field.expression})`);
      } else if (field.kind === 'missing' && name === 'Key') {
        this.fail(CODES.SW032, 'ItemReader.Key', 'the item reader names no Key');
      }
      if (bucket === undefined) {
        // granted explicitly: the grant's ARNs are the objects
        statements.push(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: this.grantedArns('ItemReader.Bucket') }));
      } else {
        resolved.ItemReader = { ...reader, Parameters: withBucket(args, bucket), Arguments: undefined };
      }
    }
    const writer = json.ResultWriter;
    if (isObject(writer) && typeof writer.Resource === 'string') {
      const args = this.state.queryLanguage === 'JSONata' ? writer.Arguments : writer.Parameters;
      const bucket = this.bucketOf('ResultWriter', args);
      const prefix = fieldAt(args, 'Prefix');
      if (prefix.kind === 'dynamic') {
        this.fail(CODES.SW031, 'ResultWriter.Prefix', `the result prefix is chosen at run time (${prefix.expression})`);
      }
      if (bucket === undefined) {
        statements.push(new iam.PolicyStatement({ actions: RESULT_WRITER_ACTIONS, resources: this.grantedArns('ResultWriter.Bucket') }));
      } else {
        resolved.ResultWriter = { ...writer, Parameters: withBucket(args, bucket), Arguments: undefined };
      }
    }
    return [...distributedMapS3Statements(resolved, { partition: this.stack.partition }), ...statements];
  }

  /** The bucket name of an item reader or result writer, or undefined when granted explicitly. */
  private bucketOf(owner: string, args: unknown): string | undefined {
    const bucket = fieldAt(args, 'Bucket');
    if (bucket.kind === 'literal') {
      return this.input.resources.get(bucket.value)?.name ?? bucket.value;
    }
    if (bucket.kind === 'dynamic') {
      if (this.grant?.resourceArns || this.grant?.allResources) {
        return undefined;
      }
      return this.fail(CODES.SW031, `${owner}.Bucket`, `the bucket is chosen at run time (${bucket.expression})`);
    }
    return this.fail(CODES.SW032, `${owner}.Bucket`, `the ${owner} names no Bucket`);
  }

  private s3Arn(bucket: string, key?: string): string {
    return this.stack.formatArn({ region: '', account: '', service: 's3', resource: bucket, resourceName: key });
  }

  private field(name: string): Field {
    return fieldAt(this.args, name);
  }

  /** A literal field, or undefined when it is dynamic and granted (SW031/SW032 otherwise). */
  private literal(name: string): string | undefined {
    const f = this.field(name);
    if (f.kind === 'literal') {
      return f.value;
    }
    this.grantedArns(name, f);
    return undefined;
  }

  /** The explicit grant's resources for a field that cannot be read, or SW031 / SW032. */
  private grantedArns(name: string, f: Field = this.field(name)): string[] {
    if (this.grant?.allResources) {
      return ['*'];
    }
    if (this.grant?.resourceArns && this.grant.resourceArns.length > 0) {
      return [...this.grant.resourceArns];
    }
    if (f.kind === 'dynamic') {
      return this.fail(CODES.SW031, name, `${name} is chosen at run time (${f.expression}), so the resource it acts on is unknown at synth`, f.expression);
    }
    if (f.kind === 'missing') {
      return this.fail(CODES.SW032, name, `the state has no ${name}`);
    }
    return this.fail(CODES.SW033, name, `${name} is ${JSON.stringify(f.kind === 'literal' ? f.value : f.value)}, which names no resource an ARN can be built from`);
  }

  /** `actions` on the explicit grant's resources (for a field that cannot be read). */
  private granted(name: string, actions: string[]): iam.PolicyStatement[] {
    return [new iam.PolicyStatement({ actions, resources: this.grantedArns(name) })];
  }

  /**
   * The ARNs a field names: the substituted resource's, the literal turned into an ARN by
   * `toArn`, or the explicit grant's.
   */
  private arns(name: string, f: Field, toArn: (value: string) => string | undefined, _args?: unknown): string[] {
    if (f.kind === 'literal') {
      const res = this.input.resources.get(f.value);
      if (res) {
        return [res.arn];
      }
      const arn = toArn(f.value);
      if (arn !== undefined) {
        return [arn];
      }
    }
    return this.grantedArns(name, f);
  }

  /** Records a version or alias of a function the state invokes (a substitution or a literal qualified ARN). */
  private recordQualifiedFunction(value: string): void {
    const res = this.input.resources.get(value);
    if (res) {
      if (res.versionOf) {
        this.qualifiedFunctions.push(res.versionOf);
      }
      return;
    }
    const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):([^:]+)$/.exec(value);
    if (m && m[2] !== '$LATEST') {
      this.qualifiedFunctions.push(m[1]);
    }
  }

  private functionArn(value: string): string | undefined {
    if (value.startsWith('arn:') || Token.isUnresolved(value)) {
      return value;
    }
    const partial = /^(\d{12}):function:(.+)$/.exec(value);
    if (partial) {
      return this.stack.formatArn({ service: 'lambda', account: partial[1], resource: 'function', resourceName: partial[2], arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    }
    return /^[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(value)
      ? this.stack.formatArn({ service: 'lambda', resource: 'function', resourceName: value, arnFormat: ArnFormat.COLON_RESOURCE_NAME })
      : undefined;
  }

  /** An SQS queue URL as an ARN: https://sqs.<region>.amazonaws.com/<account>/<name>. */
  private queueArn(url: string): string | undefined {
    const m = /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com|queue\.amazonaws\.com)\/(\d{12})\/([A-Za-z0-9_.-]+)$/.exec(url);
    if (url.startsWith('arn:')) {
      return url;
    }
    return m ? this.stack.formatArn({ service: 'sqs', region: m[1] ?? m[2] ?? 'us-east-1', account: m[3], resource: m[4] }) : undefined;
  }

  private sqs(): iam.PolicyStatement[] {
    const f = this.field('QueueUrl');
    const res = f.kind === 'literal' ? this.input.resources.get(f.value) : undefined;
    return this.arns('QueueUrl', f, (v) => this.queueArn(v)).flatMap((arn) => policies.sqsSendMessageStatements(arn, res?.keyArn));
  }

  private sns(): iam.PolicyStatement[] {
    const name = this.field('TopicArn').kind !== 'missing' ? 'TopicArn' : 'TargetArn';
    const f = this.field(name);
    const res = f.kind === 'literal' ? this.input.resources.get(f.value) : undefined;
    return this.arns(name, f, (v) => v.startsWith('arn:') ? v : undefined).flatMap((arn) => policies.snsPublishStatements(arn, res?.keyArn));
  }

  private putEvents(): iam.PolicyStatement[] {
    const entries = this.field('Entries');
    if (entries.kind !== 'other' || !Array.isArray(entries.value)) {
      return policies.eventBridgePutEventsStatements(this.grantedArns('Entries', entries));
    }
    const buses = entries.value.flatMap((entry: unknown, i: number) => {
      const bus = fieldAt(entry, 'EventBusName');
      if (bus.kind === 'missing') {
        return [policies.defaultEventBusArn(this.input.scope)];
      }
      return this.arns(`Entries[${i}].EventBusName`, bus, (v) => v.startsWith('arn:') ? v
        : this.stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: v, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }));
    });
    return policies.eventBridgePutEventsStatements([...new Set(buses)]);
  }

  private tableArn(value: string): string {
    return value.startsWith('arn:') ? value : policies.dynamoDbTableArn(this.input.scope, value);
  }

  private dynamoDb(api: policies.DynamoDbApi): iam.PolicyStatement[] {
    const f = this.field('TableName');
    const res = f.kind === 'literal' ? this.input.resources.get(f.value) : undefined;
    return this.arns('TableName', f, (v) => this.tableArn(v)).flatMap((arn) => policies.dynamoDbStatements(api, arn, res?.keyArn));
  }

  private ecs(pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
    const taskDef = this.field('TaskDefinition');
    const res = taskDef.kind === 'literal' ? this.input.resources.get(taskDef.value) : undefined;
    const taskDefinitionArn = this.arns('TaskDefinition', taskDef, (v) => {
      const arn = v.startsWith('arn:') ? v : this.stack.formatArn({ service: 'ecs', resource: 'task-definition', resourceName: v });
      return /:\d+$/.test(arn) || Token.isUnresolved(arn) ? arn : `${arn}:*`;
    })[0];
    if (!res?.passRoleArns) {
      return this.fail(CODES.SW034, 'TaskDefinition', `the task definition ${taskDef.kind === 'literal' ? `'${taskDef.value}'` : ''} is not substituted with AslSubstitution.ecsTaskDefinition(), so the roles to pass are unknown`);
    }
    const cluster = this.field('Cluster');
    const clusterRes = cluster.kind === 'literal' ? this.input.resources.get(cluster.value) : undefined;
    const clusterName = cluster.kind === 'missing' ? 'default'
      : clusterRes?.name ?? (cluster.kind === 'literal' ? cluster.value.replace(/^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\//, '') : '*');
    if (cluster.kind === 'dynamic' && pattern === sfn.IntegrationPattern.RUN_JOB) {
      this.grantedArns('Cluster', cluster);
    }
    return policies.ecsRunTaskStatements(this.input.scope, { taskDefinitionArn, passRoleArns: res.passRoleArns, clusterName }, pattern);
  }

  private batch(pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
    const def = this.field('JobDefinition');
    const defRes = def.kind === 'literal' ? this.input.resources.get(def.value) : undefined;
    const definition = defRes ? defRes.arn : this.arns('JobDefinition', def, (v) => policies.batchJobDefinitionResource(v.startsWith('arn:') ? v
      : this.stack.formatArn({ service: 'batch', resource: 'job-definition', resourceName: v }), Token.isUnresolved(v)))[0];
    const queue = this.arns('JobQueue', this.field('JobQueue'), (v) => v.startsWith('arn:') ? v
      : this.stack.formatArn({ service: 'batch', resource: 'job-queue', resourceName: v }))[0];
    return policies.batchSubmitJobStatements(this.input.scope, definition, queue, pattern);
  }

  private startExecution(pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
    const f = this.field('StateMachineArn');
    const res = f.kind === 'literal' ? this.input.resources.get(f.value) : undefined;
    if (res) {
      if (res.versionOf) {
        this.versionedMachines.push(res.versionOf);
      }
      const target = { stateMachineArn: res.arn, stateMachineName: res.name, qualifier: res.qualifier };
      return policies.stepFunctionsStartExecutionStatements(this.input.scope, target, pattern);
    }
    if (f.kind === 'dynamic' && SELF_ARN.test(f.expression.trim()) && !this.grant) {
      // A recursive workflow: granted on the state machine's own ARN by the Workflow.
      this.selfExecution = pattern;
      return [];
    }
    const arn = this.arns('StateMachineArn', f, (v) => v.startsWith('arn:') ? v : undefined)[0];
    const qualified = /^(arn:[^:]+:states:[^:]*:[^:]*:stateMachine:[^:]+):([^:]+)$/.exec(arn);
    if (qualified && /^[0-9]+$/.test(qualified[2])) {
      this.versionedMachines.push(qualified[1]);
    }
    return policies.stepFunctionsStartExecutionStatements(this.input.scope,
      qualified ? { stateMachineArn: qualified[1], qualifier: qualified[2] } : { stateMachineArn: arn }, pattern);
  }

  private athena(pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
    const literalOr = (name: string): string | undefined => {
      const f = this.field(name);
      if (f.kind === 'dynamic') {
        this.grantedArns(name, f);
      }
      return f.kind === 'literal' ? f.value : undefined;
    };
    const location = literalOr('ResultConfiguration.OutputLocation');
    const m = location ? /^s3:\/\/([^/]+)\/?(.*)$/.exec(location) : null;
    return policies.athenaStartQueryExecutionStatements(this.input.scope, {
      catalogName: literalOr('QueryExecutionContext.Catalog'),
      databaseName: literalOr('QueryExecutionContext.Database'),
      workGroup: literalOr('WorkGroup'),
      outputLocation: m ? { bucketName: m[1], objectKey: m[2] || undefined } : undefined,
    }, pattern);
  }

  private http(): iam.PolicyStatement[] {
    // A public API's connection is in Authentication; a private API's in InvocationConfig.
    // https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
    const name = this.field('Authentication.ConnectionArn').kind === 'missing' && this.field('InvocationConfig.ConnectionArn').kind !== 'missing'
      ? 'InvocationConfig.ConnectionArn' : 'Authentication.ConnectionArn';
    const f = this.field(name);
    const res = f.kind === 'literal' ? this.input.resources.get(f.value) : undefined;
    const connectionArn = this.arns(name, f, (v) => v.startsWith('arn:') ? v : undefined)[0];
    let secretArn = res?.secretArn;
    if (!secretArn) {
      // EventBridge keeps a connection's credentials in the secret events!connection/<name>/<id>.
      // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-auth.html
      const connectionName = /:connection\/([^/]+)/.exec(connectionArn)?.[1] ?? '*';
      secretArn = this.stack.formatArn({
        service: 'secretsmanager', resource: 'secret', resourceName: `events!connection/${connectionName}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    }
    const endpoint = this.field('ApiEndpoint');
    const method = this.field('Method');
    return policies.httpInvokeStatements(this.input.scope, {
      connectionArn,
      connectionSecretArn: secretArn,
      endpointPatterns: endpoint.kind === 'literal' ? [endpoint.value] : undefined,
      method: method.kind === 'literal' ? method.value.toUpperCase() : undefined,
    });
  }

  private bedrock(): iam.PolicyStatement[] {
    const model = this.arns('ModelId', this.field('ModelId'), (v) => v.startsWith('arn:') ? v
      : this.stack.formatArn({ service: 'bedrock', account: '', resource: 'foundation-model', resourceName: v }))[0];
    const s3Object = (name: string): string[] | undefined => {
      const f = this.field(name);
      if (f.kind === 'missing') {
        return undefined;
      }
      return this.arns(name, f, (v) => {
        const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(v);
        return m ? this.s3Arn(m[1], m[2]) : undefined;
      });
    };
    const guardrail = this.field('Guardrail.GuardrailIdentifier');
    return policies.bedrockInvokeModelStatements({
      modelArn: model,
      inputObjectArns: s3Object('Input.S3Uri'),
      outputObjectArns: s3Object('Output.S3Uri'),
      guardrailArn: guardrail.kind === 'missing' ? undefined : this.arns('Guardrail.GuardrailIdentifier', guardrail, (v) => v.startsWith('arn:') ? v
        : this.stack.formatArn({ service: 'bedrock', resource: 'guardrail', resourceName: v }))[0],
    });
  }

  /** The route an `apigateway:invoke` state calls. */
  private apiGateway(): iam.PolicyStatement[] {
    const route = this.arns('ApiEndpoint', this.field('ApiEndpoint'), (endpoint) => {
      // <api-id>.execute-api.<region>.<URL suffix>; the Region may be a deploy-time value.
      const m = /^([a-z0-9]+)\.execute-api\.([a-z0-9-]+|\$\{Token\[[^\]]+\]\})\.(amazonaws\.com(\.cn)?|\$\{Token\[[^\]]+\]\})$/.exec(endpoint);
      if (!m) {
        return undefined;
      }
      const part = (name: string, fallback: string) => {
        const f = this.field(name);
        // A stage, method or path chosen at run time stays in the API the state names.
        return f.kind === 'literal' ? f.value.replace(/^\/+/, '') : fallback;
      };
      const stage = part('Stage', this.field('Stage').kind === 'missing' ? '$default' : '*');
      return this.stack.formatArn({ service: 'execute-api', region: m[2], resource: m[1], resourceName: `${stage}/${part('Method', '*').toUpperCase()}/${part('Path', '*')}` });
    });
    return policies.apiGatewayInvokeStatements(route);
  }

  /**
   * An AWS SDK call: the actions `sdkIamActions` derives (as the typed `AwsSdkSteps.call` does),
   * on the resource its parameters name.
   */
  private sdk(serviceAction: string): iam.PolicyStatement[] {
    const [service, action] = serviceAction.split(':');
    if (!service || !action || !SDK_SERVICES.has(service)) {
      return this.unsupported(`arn:aws:states:::aws-sdk:${serviceAction}`);
    }
    const resources = this.sdkResources(service, action);
    return policies.sdkCallStatements(service, action, resources, sdkIamActions(service, action));
  }

  /** The resources an AWS SDK call acts on, read from the parameters that name them. */
  private sdkResources(service: string, action: string): string[] {
    const has = (name: string) => this.field(name).kind !== 'missing';
    switch (service) {
      case 's3': {
        const bucket = this.field('Bucket');
        if (bucket.kind === 'literal') {
          const name = this.input.resources.get(bucket.value)?.name ?? bucket.value;
          if (!has('Key') || /^(list|headBucket|getBucket|putBucket|deleteBucket)/.test(action)) {
            return [this.s3Arn(name)];
          }
          // A key chosen at run time stays in the bucket the state names.
          const key = this.field('Key');
          return [this.s3Arn(name, key.kind === 'literal' ? key.value : '*')];
        }
        if (bucket.kind === 'dynamic') {
          return this.grantedArns('Bucket', bucket);
        }
        break;
      }
      case 'dynamodb': {
        if (has('TableName')) {
          return this.arns('TableName', this.field('TableName'), (v) => this.tableArn(v));
        }
        // Batch and transaction calls name their tables in RequestItems keys or in each item.
        const tables = this.tablesIn(this.args);
        if (tables.length > 0) {
          return tables;
        }
        break;
      }
      case 'ssm':
        if (has('Name') && /^(get|put|delete)Parameter$/.test(action)) {
          return this.arns('Name', this.field('Name'), (v) => v.startsWith('arn:') ? v
            : this.stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: v.replace(/^\//, '') }));
        }
        break;
      case 'sqs':
        if (has('QueueUrl')) {
          return this.arns('QueueUrl', this.field('QueueUrl'), (v) => this.queueArn(v));
        }
        break;
      case 'sns':
        if (has('TopicArn')) {
          return this.arns('TopicArn', this.field('TopicArn'), (v) => v.startsWith('arn:') ? v : undefined);
        }
        break;
      case 'lambda':
        if (has('FunctionName')) {
          return this.arns('FunctionName', this.field('FunctionName'), (v) => this.functionArn(v));
        }
        break;
      case 'sfn':
        if (has('StateMachineArn')) {
          return this.arns('StateMachineArn', this.field('StateMachineArn'), (v) => v.startsWith('arn:') ? v : undefined);
        }
        break;
      case 'secretsmanager':
        if (has('SecretId')) {
          return this.arns('SecretId', this.field('SecretId'), (v) => v.startsWith('arn:') ? v
            : this.stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${v}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
        }
        break;
      case 'eventbridge':
        if (action === 'putEvents') {
          return this.putEvents()[0].resources;
        }
        if (has('EventBusName')) {
          return this.arns('EventBusName', this.field('EventBusName'), (v) => v.startsWith('arn:') ? v
            : this.stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: v, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }));
        }
        break;
    }
    // Otherwise: a substituted resource, or a literal ARN, of the called service among the
    // parameters (an ARN of another service, such as a target or a role, is not what is called).
    const prefix = sdkIamActions(service, action)[0].split(':')[0];
    const found = new Set<string>();
    const visit = (v: unknown) => {
      if (typeof v === 'string') {
        const res = this.input.resources.get(v);
        if (res && RESOURCE_SERVICES[res.kind] === prefix) {
          found.add(res.arn);
        } else if (!res && v.startsWith('arn:') && v.split(':')[2] === prefix) {
          found.add(v);
        }
      } else if (Array.isArray(v)) {
        v.forEach(visit);
      } else if (isObject(v)) {
        Object.entries(v).filter(([k]) => !k.endsWith('.$')).forEach(([, x]) => visit(x));
      }
    };
    visit(this.args);
    if (found.size > 0) {
      return [...found];
    }
    if (this.grant?.allResources) {
      return ['*'];
    }
    if (this.grant?.resourceArns && this.grant.resourceArns.length > 0) {
      return [...this.grant.resourceArns];
    }
    return this.fail(CODES.SW033, 'Parameters', `the AWS SDK call ${service}:${action} names no resource cdk-stepwise can read (no ARN, no substituted resource)`,
      undefined, `grant the state explicitly: grants: { '${this.state.name}': { resourceArns: [...] } } (the action ${sdkIamActions(service, action).join(', ')} is still derived), or allResources: true for an API without resource-level permissions`);
  }

  /** The tables a DynamoDB batch or transaction call names (`RequestItems` keys, `TableName` fields). */
  private tablesIn(args: unknown): string[] {
    const found = new Set<string>();
    const visit = (v: unknown, key: string) => {
      if (Array.isArray(v)) {
        v.forEach((x) => visit(x, key));
      } else if (isObject(v)) {
        if (key === 'RequestItems') {
          Object.keys(v).filter((k) => !k.endsWith('.$')).forEach((k) => found.add(this.tableArn(this.input.resources.get(k)?.name ?? k)));
        }
        Object.entries(v).forEach(([k, x]) => {
          if (k === 'TableName.$' || (k === 'TableName' && isExpression(x))) {
            this.grantedArns('TableName', { kind: 'dynamic', expression: String(x) });
          } else if (k === 'TableName' && typeof x === 'string') {
            found.add(this.input.resources.get(x)?.arn ?? this.tableArn(x));
          } else {
            visit(x, k);
          }
        });
      }
    };
    visit(args, '');
    return [...found];
  }

  private unsupported(resource: string): never {
    return this.fail(CODES.SW030, 'Resource', `'${resource}' is not an integration whose IAM cdk-stepwise derives (supported: ${SUPPORTED_INTEGRATIONS.join(', ')})`, resource,
      `grant what the state needs explicitly: grants: { '${this.state.name}': { statements: [new iam.PolicyStatement({ ... })] } }`);
  }

  private fail(code: CodeInfo, field: string, message: string, actual?: string, fix?: string): never {
    const where = field === 'Parameters' ? (this.state.queryLanguage === 'JSONata' ? 'Arguments' : 'Parameters') : field === 'Resource' || field.startsWith('Item') || field.startsWith('Result') || field.startsWith('Credentials') ? field
      : `${this.state.queryLanguage === 'JSONata' ? 'Arguments' : 'Parameters'}.${field}`;
    throw new StepwiseError({
      code,
      statePath: this.state.path,
      message: `field ${where}: ${message}`,
      actual,
      fix: fix ?? (code === CODES.SW031 || code === CODES.SW033
        ? `${code.fix.replace(/'<state>'/g, `'${this.state.name}'`)}`
        : code.fix.replace(/'<state>'/g, `'${this.state.name}'`)),
    }, this.input.constructPath);
  }
}

/** A reader's or writer's arguments with the bucket name resolved (a substituted bucket's name). */
function withBucket(args: unknown, bucket: string): Record<string, unknown> {
  const copy: Record<string, unknown> = isObject(args) ? { ...args } : {};
  delete copy['Bucket.$'];
  copy.Bucket = bucket;
  return copy;
}
