import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { findCfnStateMachine, renderDefinition } from '../core/asl/render';

/** Where `Diagram.writeFiles()` wrote its two files. */
export interface DiagramFiles {
  /** The Mermaid flowchart (`<name>.mmd`). */
  readonly mermaidFile: string;
  /** The definition for Workflow Studio (`<name>.asl.json`). */
  readonly workflowStudioFile: string;
}

/** Options for `Diagram.writeFiles()`. */
export interface DiagramFileOptions {
  /**
   * The file name without extension.
   *
   * @default - the construct path with `/` replaced by `-`, e.g. `Orders-Workflow`
   */
  readonly baseName?: string;
}

/**
 * Pictures of a workflow: a Mermaid flowchart, and a definition that the Step Functions console's
 * Workflow Studio can import.
 *
 * The flowchart shows every state (Task as a box, Choice as a rhombus, Pass as a stadium, Wait as a
 * parallelogram, Succeed and Fail as circles), transitions, Choice rules as edge labels, Catch edges
 * dashed and labelled with the errors they catch, Parallel branches and Map item processors as
 * nested subgraphs, and the start and end of each scope.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const files = Diagram.writeFiles(workflow, 'cdk.out/diagrams');
 */
export class Diagram {
  /**
   * The Mermaid `flowchart` text of a state machine.
   *
   * @param stateMachine a `Workflow`, an `sfn.StateMachine`, an `sfn.CfnStateMachine`, or a
   * construct whose default child is one of those.
   */
  public static mermaid(stateMachine: IConstruct): string {
    return new MermaidWriter(readConstruct(stateMachine)).render();
  }

  /**
   * The Mermaid `flowchart` text of an Amazon States Language definition.
   *
   * @param definition the definition as JSON text.
   */
  public static mermaidFromAsl(definition: string): string {
    return new MermaidWriter(parseAsl(definition)).render();
  }

  /**
   * The definition as pretty-printed JSON that Workflow Studio can import: every CloudFormation
   * value (`${GetAtt:ValidateFn.Arn}`, `${AWS::Region}`) is replaced by a made-up but well-formed
   * value of the right shape (`arn:aws:lambda:us-east-1:123456789012:function:ValidateFn`),
   * because Workflow Studio rejects definitions that contain CloudFormation references.
   * Account `123456789012` and region `us-east-1` stand for the real ones.
   *
   * @param stateMachine as for `mermaid()`.
   */
  public static workflowStudio(stateMachine: IConstruct): string {
    const cfn = findCfnStateMachine(stateMachine);
    const types = new Map<string, string>();
    if (cfn) {
      const stack = Stack.of(cfn);
      const byLogicalId = new Map<string, string>();
      for (const c of stack.node.findAll()) {
        if (c instanceof CfnResource) {
          byLogicalId.set(stack.resolve(c.logicalId), c.cfnResourceType);
        }
      }
      for (const token of renderDefinition(stateMachine).tokens) {
        const type = token.target ? byLogicalId.get(token.target) : undefined;
        if (type) {
          types.set(token.placeholder, type);
        }
      }
    }
    return toWorkflowStudio(readConstruct(stateMachine), types);
  }

  /**
   * As `workflowStudio()`, for a definition given as JSON text. Without the CloudFormation
   * template the resource types are unknown, so an ARN placeholder becomes a Lambda function ARN
   * when it is a Task's whole `Resource`, and a generic ARN elsewhere.
   *
   * @param definition the definition as JSON text, placeholders as `Asl.of()` renders them.
   */
  public static workflowStudioFromAsl(definition: string): string {
    return toWorkflowStudio(parseAsl(definition), new Map());
  }

  /**
   * Writes `<name>.mmd` (the Mermaid flowchart) and `<name>.asl.json` (the Workflow Studio
   * definition) into a directory, creating it if needed.
   *
   * @param stateMachine as for `mermaid()`.
   * @param directory where to write.
   * @returns the paths written.
   */
  public static writeFiles(stateMachine: IConstruct, directory: string, options: DiagramFileOptions = {}): DiagramFiles {
    const name = options.baseName ?? stateMachine.node.path.replace(/[^A-Za-z0-9_.-]+/g, '-');
    fs.mkdirSync(directory, { recursive: true });
    const mermaidFile = path.join(directory, `${name}.mmd`);
    const workflowStudioFile = path.join(directory, `${name}.asl.json`);
    fs.writeFileSync(mermaidFile, Diagram.mermaid(stateMachine));
    fs.writeFileSync(workflowStudioFile, Diagram.workflowStudio(stateMachine));
    return { mermaidFile, workflowStudioFile };
  }

  private constructor() {}
}

function readConstruct(stateMachine: IConstruct): any {
  const rendered = renderDefinition(stateMachine);
  if (rendered.definition === undefined) {
    throw new Error(`Diagram: ${stateMachine.node.path}: ${rendered.error}`);
  }
  return rendered.definition;
}

function parseAsl(definition: string): any {
  let parsed: any;
  try {
    parsed = JSON.parse(definition);
  } catch (e) {
    throw new Error(`Diagram: the definition is not valid JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || typeof parsed.States !== 'object') {
    throw new Error('Diagram: the definition has no States object.');
  }
  return parsed;
}

// ---- Mermaid -------------------------------------------------------------------------------

/** Escapes text for a quoted Mermaid label (entity codes, as Mermaid documents them). */
function label(text: string): string {
  const escaped = text
    .replace(/\s+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;');
  return `"${escaped}"`;
}

const OPERATORS: Record<string, string> = {
  StringEquals: '==',
  StringLessThan: '<',
  StringGreaterThan: '>',
  StringLessThanEquals: '<=',
  StringGreaterThanEquals: '>=',
  StringMatches: 'matches',
  NumericEquals: '==',
  NumericLessThan: '<',
  NumericGreaterThan: '>',
  NumericLessThanEquals: '<=',
  NumericGreaterThanEquals: '>=',
  BooleanEquals: '==',
  TimestampEquals: '==',
  TimestampLessThan: '<',
  TimestampGreaterThan: '>',
  TimestampLessThanEquals: '<=',
  TimestampGreaterThanEquals: '>=',
};

const TYPE_TESTS: Record<string, string> = {
  IsNull: 'null', IsPresent: 'present', IsNumeric: 'numeric', IsString: 'a string', IsBoolean: 'a boolean', IsTimestamp: 'a timestamp',
};

/** A Choice Rule as short text: `$.total > 100`, `$.vip == true and $.country == "DE"`, or the JSONata condition. */
function describeChoiceRule(rule: any): string {
  if (rule.Condition !== undefined) {
    return typeof rule.Condition === 'string'
      ? rule.Condition.replace(/^\{%\s*/, '').replace(/\s*%\}$/, '')
      : String(rule.Condition);
  }
  if (Array.isArray(rule.And)) {
    return rule.And.map((r: any) => `(${describeChoiceRule(r)})`).join(' and ');
  }
  if (Array.isArray(rule.Or)) {
    return rule.Or.map((r: any) => `(${describeChoiceRule(r)})`).join(' or ');
  }
  if (rule.Not) {
    return `not (${describeChoiceRule(rule.Not)})`;
  }
  for (const [op, text] of Object.entries(TYPE_TESTS)) {
    if (op in rule) {
      return `${rule.Variable} is ${rule[op] ? '' : 'not '}${text}`;
    }
  }
  for (const [op, symbol] of Object.entries(OPERATORS)) {
    if (op in rule) {
      return `${rule.Variable} ${symbol} ${JSON.stringify(rule[op])}`;
    }
    if (`${op}Path` in rule) {
      return `${rule.Variable} ${symbol} ${rule[`${op}Path`]}`;
    }
  }
  return '?';
}

class MermaidWriter {
  private readonly lines: string[] = ['flowchart TD'];
  private readonly ids = new Map<string, string>();
  private readonly succeed: string[] = [];
  private readonly fail: string[] = [];
  private counter = 0;

  constructor(private readonly definition: any) {}

  public render(): string {
    this.lines.push('  start_0((Start))');
    this.scope(this.definition, '  ', 'start_0', 'end_0');
    this.lines.push('  end_0((End))');
    this.lines.push('  classDef succeed fill:#e6f4ea,stroke:#1e7e34');
    this.lines.push('  classDef fail fill:#fdecea,stroke:#c62828');
    if (this.succeed.length) {
      this.lines.push(`  class ${this.succeed.join(',')} succeed`);
    }
    if (this.fail.length) {
      this.lines.push(`  class ${this.fail.join(',')} fail`);
    }
    return `${this.lines.join('\n')}\n`;
  }

  /** State names are unique in a whole state machine, so one id per name. */
  private id(name: string): string {
    let id = this.ids.get(name);
    if (!id) {
      id = `s${++this.counter}`;
      this.ids.set(name, id);
    }
    return id;
  }

  /** Declares a scope's states (nested scopes as subgraphs), then its edges. */
  private scope(scope: any, indent: string, startId: string, endId: string): void {
    const states: Record<string, any> = scope.States ?? {};
    for (const [name, state] of Object.entries(states)) {
      this.node(name, state, indent);
    }
    this.lines.push(`${indent}${startId} --> ${this.id(scope.StartAt)}`);
    for (const [name, state] of Object.entries(states)) {
      const from = this.id(name);
      if (state.Type === 'Choice') {
        for (const rule of state.Choices ?? []) {
          this.lines.push(`${indent}${from} -->|${label(describeChoiceRule(rule))}| ${this.id(rule.Next)}`);
        }
        if (state.Default !== undefined) {
          this.lines.push(`${indent}${from} -->|"Default"| ${this.id(state.Default)}`);
        }
      } else if (state.Next !== undefined) {
        this.lines.push(`${indent}${from} --> ${this.id(state.Next)}`);
      }
      if (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail') {
        this.lines.push(`${indent}${from} --> ${endId}`);
      }
      for (const catcher of state.Catch ?? []) {
        this.lines.push(`${indent}${from} -.->|${label((catcher.ErrorEquals ?? []).join(', '))}| ${this.id(catcher.Next)}`);
      }
    }
  }

  private node(name: string, state: any, indent: string): void {
    const id = this.id(name);
    switch (state.Type) {
      case 'Parallel':
        this.lines.push(`${indent}subgraph ${id} [${label(`${name} (Parallel)`)}]`);
        (state.Branches ?? []).forEach((branch: any, i: number) => {
          const b = `${id}_b${i}`;
          this.lines.push(`${indent}  subgraph ${b} [${label(`Branch ${i + 1}`)}]`);
          this.lines.push(`${indent}    ${b}_start(( ))`);
          this.scope(branch, `${indent}    `, `${b}_start`, `${b}_end`);
          this.lines.push(`${indent}    ${b}_end(( ))`);
          this.lines.push(`${indent}  end`);
        });
        this.lines.push(`${indent}end`);
        return;
      case 'Map': {
        const processor = state.ItemProcessor ?? state.Iterator ?? { States: {} };
        const mode = processor.ProcessorConfig?.Mode === 'DISTRIBUTED' ? 'Distributed Map' : 'Map';
        this.lines.push(`${indent}subgraph ${id} [${label(`${name} (${mode})`)}]`);
        this.lines.push(`${indent}  ${id}_start(( ))`);
        this.scope(processor, `${indent}  `, `${id}_start`, `${id}_end`);
        this.lines.push(`${indent}  ${id}_end(( ))`);
        this.lines.push(`${indent}end`);
        return;
      }
      case 'Choice':
        this.lines.push(`${indent}${id}{${label(name)}}`);
        return;
      case 'Pass':
        this.lines.push(`${indent}${id}([${label(name)}])`);
        return;
      case 'Wait':
        this.lines.push(`${indent}${id}[/${label(name)}/]`);
        return;
      case 'Succeed':
        this.lines.push(`${indent}${id}((${label(name)}))`);
        this.succeed.push(id);
        return;
      case 'Fail':
        this.lines.push(`${indent}${id}((${label(name)}))`);
        this.fail.push(id);
        return;
      default:
        this.lines.push(`${indent}${id}[${label(name)}]`);
    }
  }
}

// ---- Workflow Studio -----------------------------------------------------------------------

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'Stack',
  'AWS::StackId': `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/Stack/00000000-0000-0000-0000-000000000000`,
  'AWS::NoValue': '',
};

/** ARN of a resource by CloudFormation type and name (the shapes in each service's ARN format). */
function arnFor(type: string | undefined, name: string, wholeResource: boolean): string {
  switch (type) {
    case 'AWS::Lambda::Function': return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
    case 'AWS::SQS::Queue': return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
    case 'AWS::SNS::Topic': return `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
    case 'AWS::DynamoDB::Table': return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
    case 'AWS::S3::Bucket': return `arn:aws:s3:::${name.toLowerCase()}`;
    case 'AWS::StepFunctions::StateMachine': return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
    case 'AWS::StepFunctions::Activity': return `arn:aws:states:${REGION}:${ACCOUNT}:activity:${name}`;
    case 'AWS::IAM::Role': return `arn:aws:iam::${ACCOUNT}:role/${name}`;
    case 'AWS::Events::EventBus': return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
    case 'AWS::ECS::Cluster': return `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${name}`;
    case 'AWS::ECS::TaskDefinition': return `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${name}:1`;
    case undefined:
      // Unknown type: a Task's whole Resource is most often a Lambda function.
      return wholeResource ? arnFor('AWS::Lambda::Function', name, false) : `arn:aws:states:${REGION}:${ACCOUNT}:resource:${name}`;
    default: {
      const [, service, resource] = type.split('::');
      return `arn:aws:${service.toLowerCase()}:${REGION}:${ACCOUNT}:${resource.toLowerCase()}/${name}`;
    }
  }
}

/** What `Ref` returns, by CloudFormation type (each resource's "Return values" page). */
function refFor(type: string | undefined, name: string, wholeResource: boolean): string {
  switch (type) {
    case 'AWS::SQS::Queue': return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
    case 'AWS::SNS::Topic':
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::StepFunctions::Activity':
    case 'AWS::ECS::TaskDefinition':
      return arnFor(type, name, wholeResource);
    case 'AWS::S3::Bucket': return name.toLowerCase();
    case undefined: return wholeResource ? arnFor(undefined, name, true) : name;
    default: return name;
  }
}

function replacePlaceholder(placeholder: string, types: Map<string, string>, wholeResource: boolean): string {
  const inner = placeholder.slice(2, -1);
  if (inner in PSEUDO) {
    return PSEUDO[inner];
  }
  const type = types.get(placeholder);
  const ref = /^Ref:(.+)$/.exec(inner);
  if (ref) {
    return refFor(type, ref[1], wholeResource);
  }
  const getAtt = /^GetAtt:([^.]+)\.(.+)$/.exec(inner);
  if (getAtt) {
    const [, name, attribute] = getAtt;
    if (/Arn$/.test(attribute)) {
      return arnFor(type, name, wholeResource);
    }
    if (attribute === 'QueueUrl') {
      return refFor('AWS::SQS::Queue', name, false);
    }
    return name;
  }
  const imported = /^ImportValue:(.+)$/.exec(inner);
  return (imported ? imported[1] : inner).replace(/[^A-Za-z0-9_.:/-]+/g, '');
}

function toWorkflowStudio(definition: any, types: Map<string, string>): string {
  const walk = (value: any, key?: string): any => {
    if (typeof value === 'string') {
      const whole = key === 'Resource' && /^\$\{[^}]+\}$/.test(value);
      return value.replace(/\$\{[^}]+\}/g, (ph) => replacePlaceholder(ph, types, whole));
    }
    if (Array.isArray(value)) {
      return value.map((v) => walk(v));
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return `${JSON.stringify(walk(definition), undefined, 2)}\n`;
}
