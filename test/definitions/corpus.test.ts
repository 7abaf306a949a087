/*
 * The real-world definitions of test/fixtures/asl-corpus/valid (AWS samples, aws-cdk integration
 * snapshots, localstack fixtures; each entry of index.json names its source and license),
 * imported with AslDefinition: how many synthesize with IAM derived for every Task state, with no
 * explicit grant, and no statement with a wildcard action.
 *
 * The corpus files' placeholders (`${X}` for a CloudFormation `!Ref X` / `!GetAtt X.Arn`) are
 * filled with plain values (`AslSubstitution.value`) of the shape the field they are in takes: a
 * function ARN in a `Resource` or `FunctionName`, a queue URL in `QueueUrl`, a name in
 * `TableName`, ... (`fillFor`), so IAM is derived from the literal text as for a file that names
 * its resources itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Workflow } from '../../src/constructs/workflow';
import { buildModel } from '../../src/core/asl/model';
import { StepwiseError } from '../../src/core/errors';
import { AslDefinition, AslStateGrant } from '../../src/definitions/asl-definition';
import { deriveIam } from '../../src/definitions/private/derive-iam';
import { AslSubstitution } from '../../src/definitions/substitution';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'asl-corpus');
const ACCOUNT = '123456789012';

interface Entry {
  readonly id: string;
  readonly file: string;
  readonly kind: string;
  readonly queryLanguage: string;
  readonly features: string[];
  readonly placeholders?: string[];
}

const entries: Entry[] = (JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as Entry[]).filter((e) => e.kind === 'valid');

/** The fields each placeholder of a definition appears in (the key of the string holding it). */
function placeholderFields(definition: unknown): Map<string, { key: string; whole: boolean }> {
  const out = new Map<string, { key: string; whole: boolean }>();
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\$\{([A-Za-z0-9_.:-]+)\}/g)) {
        if (!out.has(m[1])) {
          out.set(m[1], { key: key.replace(/\.\$$/, ''), whole: v === m[0] });
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach((x) => visit(x, key));
    } else if (v && typeof v === 'object') {
      Object.entries(v).forEach(([k, x]) => visit(x, k));
    }
  };
  visit(definition, '');
  return out;
}

/** A plain value of the shape the field takes. */
function fillFor(name: string, key: string, whole: boolean): string {
  const id = name.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'x';
  if (!whole) {
    return id;
  }
  switch (key) {
    case 'Resource':
      return /activity/i.test(name) ? `arn:aws:states:us-east-1:${ACCOUNT}:activity:${id}` : `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${id}`;
    case 'FunctionName':
      return `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${id}`;
    case 'QueueUrl':
      return `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${id}`;
    case 'TopicArn': case 'TargetArn':
      return `arn:aws:sns:us-east-1:${ACCOUNT}:${id}`;
    case 'StateMachineArn':
      return `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${id}`;
    case 'ApiEndpoint':
      return `${id}.execute-api.us-east-1.amazonaws.com`;
    case 'ConnectionArn':
      return `arn:aws:events:us-east-1:${ACCOUNT}:connection/${id}/0a1b2c3d`;
    case 'RoleArn':
      return `arn:aws:iam::${ACCOUNT}:role/${id}`;
    case 'JobQueue':
      return `arn:aws:batch:us-east-1:${ACCOUNT}:job-queue/${id}`;
    case 'JobDefinition':
      return `arn:aws:batch:us-east-1:${ACCOUNT}:job-definition/${id}:1`;
    default:
      return /arn$/i.test(key) || /\.Arn$/.test(name) ? `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${id}` : id;
  }
}

interface Outcome {
  readonly entry: Entry;
  readonly error?: string;
  readonly code?: string;
  readonly statements?: number;
  readonly statePath?: string;
  readonly actions?: string[];
}

function importEntry(entry: Entry, grants: { [state: string]: AslStateGrant } = {}): Outcome {
  const text = fs.readFileSync(path.join(CORPUS, entry.file), 'utf8');
  const substitutions: { [name: string]: AslSubstitution } = {};
  for (const [name, where] of placeholderFields(JSON.parse(text))) {
    if (!name.startsWith('AWS::')) {
      substitutions[name] = AslSubstitution.value(fillFor(name, where.key, where.whole));
    }
  }
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  try {
    const definition = AslDefinition.fromString(text, { substitutions, grants });
    const wf = new Workflow(stack, 'Workflow', { aslDefinition: definition, logging: { level: sfn.LogLevel.OFF }, tracingEnabled: false });
    // Every Task state is covered: the statements derived per state, as the Workflow derived them.
    const parts = definition._parts();
    const model = buildModel(parts.definition, 'STANDARD');
    const derived = deriveIam(model, { scope: wf, resources: parts.resources, grants: parts.grants });
    // An activity task needs nothing of the role; a recursive start is granted on the Workflow's own ARN.
    const uncovered = model.states.filter((s) => s.type === 'Task' && (derived.byState.get(s.name) ?? []).length === 0
      && !isActivity(s.json.Resource) && !(/startExecution/.test(String(s.json.Resource)) && derived.selfExecutionPatterns.length > 0));
    if (uncovered.length > 0) {
      return { entry, error: `no statement for ${uncovered.map((s) => s.name).join(', ')}` };
    }
    const template = Template.fromStack(stack);
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .flatMap((s: any) => [s.Action].flat());
    if (actions.some((a: string) => a === '*' || a.endsWith(':*'))) {
      return { entry, error: `a wildcard action: ${actions.join(', ')}` };
    }
    return { entry, statements: derived.statements.length, actions: derived.statements.flatMap((st) => st.actions) };
  } catch (e) {
    return {
      entry,
      error: (e as Error).message,
      code: e instanceof StepwiseError ? e.code : /\[(SW\d{3})\]/.exec((e as Error).message)?.[1],
      statePath: e instanceof StepwiseError ? e.finding.statePath : undefined,
    };
  }
}

function isActivity(resource: unknown): boolean {
  return typeof resource === 'string' && /:activity:/.test(resource);
}

describe('the ASL corpus, imported', () => {
  const outcomes = entries.map((e) => importEntry(e));
  const imported = outcomes.filter((o) => !o.error);
  const withTasks = imported.filter((o) => o.entry.features.includes('Task'));

  test('the corpus is the 283 valid definitions', () => {
    expect(entries).toHaveLength(283);
  });

  test('at least 177 of them import with derived IAM, no explicit grant and no wildcard action; the rest fail with a code that names the state and field', () => {
    const byCode = new Map<string, number>();
    outcomes.filter((o) => o.error).forEach((o) => byCode.set(o.code ?? 'other', (byCode.get(o.code ?? 'other') ?? 0) + 1));
    // The measurement, for the closing note and the docs.
    // eslint-disable-next-line no-console
    console.log(`corpus: ${imported.length}/${entries.length} imported (${withTasks.length} with Task states); failures by code: ${JSON.stringify(Object.fromEntries(byCode))}`);
    const perService = new Map<string, number>();
    imported.flatMap((o) => o.actions ?? []).forEach((a) => perService.set(a.split(':')[0], (perService.get(a.split(':')[0]) ?? 0) + 1));
    // eslint-disable-next-line no-console
    console.log(`corpus: derived actions per service: ${JSON.stringify(Object.fromEntries([...perService].sort((a, b) => b[1] - a[1])))}`);
    expect(imported.length).toBeGreaterThanOrEqual(177);
    // A definition that does not import fails with one of the codes that say what to grant, never otherwise.
    expect(outcomes.filter((o) => o.error && !['SW030', 'SW031', 'SW032', 'SW033', 'SW034'].includes(o.code ?? '')).map((o) => `${o.entry.id}: ${o.error}`)).toEqual([]);
  });

  test('both query languages and Distributed Maps are among the imported definitions', () => {
    expect(imported.filter((o) => o.entry.queryLanguage === 'JSONata').length).toBeGreaterThan(0);
    expect(imported.filter((o) => o.entry.features.includes('DistributedMap')).length).toBeGreaterThan(0);
  });

  test('every other one imports once the states the errors name are granted explicitly', () => {
    let grantsNeeded = 0;
    const stillFailing: string[] = [];
    const validatorFindings: string[] = [];
    for (const first of outcomes.filter((o) => o.error)) {
      const grants: { [state: string]: AslStateGrant } = {};
      let outcome: Outcome = first;
      for (let i = 0; i < 20 && outcome.error; i++) {
        const text = fs.readFileSync(path.join(CORPUS, first.entry.file), 'utf8');
        const node = buildModel(JSON.parse(text), 'STANDARD').states.find((s) => s.path === outcome.statePath);
        if (!node || grants[node.name]) {
          break;
        }
        // What the fix of each code says: the resources (here any) for a field that cannot be
        // read; the statements for an integration whose IAM is not derived or an ECS task's roles.
        grants[node.name] = outcome.code === 'SW030' || outcome.code === 'SW034'
          ? { statements: [new iam.PolicyStatement({ actions: ['example:Action'], resources: [`arn:aws:example:us-east-1:${ACCOUNT}:thing/x`] })] }
          : { allResources: true };
        grantsNeeded++;
        outcome = importEntry(first.entry, grants);
      }
      if (outcome.error && /Validation failed/.test(outcome.error)) {
        // The validator's own finding, not IAM (none today).
        validatorFindings.push(`${first.entry.id}: ${outcome.error}`);
      } else if (outcome.error) {
        stillFailing.push(`${first.entry.id}: ${outcome.error}`);
      }
    }
    // eslint-disable-next-line no-console
    console.log(`corpus: the other ${outcomes.filter((o) => o.error).length} import with ${grantsNeeded} explicit grants (${validatorFindings.length} then fail validation)`);
    expect(stillFailing).toEqual([]);
    expect(validatorFindings).toEqual([]);
  });
});
