import { Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, getAtt, machineWith, newStack, stateOf } from './helpers';
import { CodeBuildSteps } from '../../src/integrations/codebuild';

function project(stack: Stack): codebuild.Project {
  return new codebuild.Project(stack, 'Build', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2' }) });
}

describe('CodeBuildSteps.startBuild', () => {
  test('starts the build and grants codebuild:StartBuild only', () => {
    const stack = newStack();
    const p = project(stack);
    const machine = machineWith(stack, CodeBuildSteps.startBuild({
      project: p,
      environmentVariablesOverride: { COMMIT: { value: sfn.JsonPath.stringAt('$.commit') } },
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::codebuild:startBuild',
      Parameters: { ProjectName: '${Ref:Build}', EnvironmentVariablesOverride: [{ 'Name': 'COMMIT', 'Type': 'PLAINTEXT', 'Value.$': '$.commit' }] },
      End: true,
    });
    expectPolicy(stack, [{ Action: 'codebuild:StartBuild', Effect: 'Allow', Resource: getAtt(p, 'Arn') }]);
  });
});

describe('CodeBuildSteps.startBuildAndWait', () => {
  test('runs the build to completion; grants polling, stopping and the CodeBuild managed rule', () => {
    const stack = newStack();
    const p = project(stack);
    const machine = machineWith(stack, CodeBuildSteps.startBuildAndWait({ project: p }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::codebuild:startBuild.sync',
      Parameters: { ProjectName: '${Ref:Build}' },
      End: true,
    });
    expectPolicy(stack, [
      { Action: ['codebuild:StartBuild', 'codebuild:StopBuild', 'codebuild:BatchGetBuilds'], Effect: 'Allow', Resource: getAtt(p, 'Arn') },
      {
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Effect: 'Allow',
        // Singular "Event", as Step Functions names this rule.
        Resource: arn('events:us-east-1:123456789012:rule/StepFunctionsGetEventForCodeBuildStartBuildRule'),
      },
    ]);
  });
});
