import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep, RunJobStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { RunJobOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { StepTimeouts, bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { codeBuildStartBuildStatements } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The build a CodeBuild step starts, for both patterns.
 */
export interface CodeBuildStartBuildOptions {
  /**
   * The project to build.
   */
  readonly project: codebuild.IProject;

  /**
   * Environment variables that override or add to the project's for this build.
   *
   * @default - the project's
   */
  readonly environmentVariablesOverride?: { [name: string]: codebuild.BuildEnvironmentVariable };
}

/**
 * Properties of `CodeBuildSteps.startBuild()`.
 */
export interface CodeBuildStartBuildStepProps extends IntegrationStepOptions, TaskTimeoutOptions, CodeBuildStartBuildOptions {
}

/**
 * Properties of `CodeBuildSteps.startBuildAndWait()`.
 */
export interface CodeBuildStartBuildAndWaitStepProps extends IntegrationStepOptions, RunJobOptions, CodeBuildStartBuildOptions {
}

/**
 * AWS CodeBuild steps: start a build (request-response) or run it to completion (`.sync`).
 * CodeBuild has no callback pattern.
 *
 * The role gets `codebuild:StartBuild` on the project; `.sync` adds `codebuild:BatchGetBuilds`
 * (polling), `codebuild:StopBuild` (stop the build when the execution is aborted) and the
 * `StepFunctionsGetEventForCodeBuildStartBuildRule` managed rule (singular "Event"), as in the
 * Step Functions guide. aws-cdk-lib's `CodeBuildStartBuild` grants the polling, stop and
 * `BatchGetReports` actions for request-response too.
 *
 * The task has no retriers unless `retries` gives some: the integration's error names are not
 * documented.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-codebuild.html
 */
export class CodeBuildSteps {
  /**
   * Starts a build and continues with the StartBuild response (`arn:aws:states:::codebuild:startBuild`).
   *
   * @param props the build and state options
   */
  public static startBuild(props: CodeBuildStartBuildStepProps): RequestResponseStep {
    return new StartBuildStep(props.project, props);
  }

  /**
   * Starts a build and waits until it finishes (`codebuild:startBuild.sync`). Aborting the
   * execution stops the build.
   *
   * @param props the build, timeouts and state options
   */
  public static startBuildAndWait(props: CodeBuildStartBuildAndWaitStepProps): RunJobStep {
    return new StartBuildAndWaitStep(props.project, props);
  }

  private constructor() {}
}

function startBuild(
  scope: Construct, id: string, project: codebuild.IProject, props: IntegrationStepOptions & CodeBuildStartBuildOptions,
  timeouts: StepTimeouts, options: StepBindOptions, pattern: sfn.IntegrationPattern,
): sfn.TaskStateBase {
  return adaptedTask(tasks.CodeBuildStartBuild, scope, id, {
    ...taskStateProps(props, timeouts, bindContext(scope, id, options)),
    integrationPattern: pattern,
    project,
    environmentVariablesOverride: props.environmentVariablesOverride,
  }, {
    statements: () => codeBuildStartBuildStatements(scope, project.projectArn, pattern),
  });
}

class StartBuildStep extends RequestResponseStep {
  constructor(private readonly project: codebuild.IProject, private readonly props: CodeBuildStartBuildStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return startBuild(scope, id, this.project, this.props, { taskTimeout: this.props.taskTimeout }, options, sfn.IntegrationPattern.REQUEST_RESPONSE);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

class StartBuildAndWaitStep extends RunJobStep {
  constructor(private readonly project: codebuild.IProject, private readonly props: CodeBuildStartBuildAndWaitStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const timeouts = { taskTimeout: this.props.taskTimeout, heartbeat: this.props.heartbeat };
    return startBuild(scope, id, this.project, this.props, timeouts, options, sfn.IntegrationPattern.RUN_JOB);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}
