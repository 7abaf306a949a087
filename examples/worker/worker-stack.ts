import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ActivitySteps, ActivityWorkerService, Flow, Heartbeat, WorkerActivity, Workflow } from '../../src';

/**
 * Shipping: a workflow hands each order to the "pack shipment" activity, and an ECS Fargate
 * service runs `worker.ts` to do the packing, scaling with the activity's backlog.
 */
export class ShippingStack extends Stack {
  public readonly workflow: Workflow;
  public readonly workers: ActivityWorkerService;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const activity = new WorkerActivity(this, 'PackShipment', { activityName: 'pack-shipment' });
    const heartbeat = Duration.seconds(60);

    const definition = new Flow(this, 'ShippingFlow')
      .addStep('Pack shipment', ActivitySteps.invoke({
        activity: activity,
        heartbeat: Heartbeat.every(heartbeat),
        taskTimeout: sfn.Timeout.duration(Duration.minutes(30)),
        resultPath: '$.shipment',
      }))
      // A worker that stops (scale-in, deployment) fails its unfinished tasks with
      // Worker.ShuttingDown; a worker that died is noticed by the heartbeat (States.Timeout).
      .addRetry({ errors: ['Worker.ShuttingDown', 'States.Timeout'], maxAttempts: 3, interval: Duration.seconds(5), backoffRate: 2 })
      .addSucceed('Shipped');

    this.workflow = new Workflow(this, 'Shipping', {
      definition,
      timeout: Duration.hours(2),
      comment: 'Packs the shipment of an order with an activity worker.',
    });

    this.workers = new ActivityWorkerService(this, 'PackWorkers', {
      activity,
      // Built from the repository root with examples/worker/Dockerfile (at deploy time).
      image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', '..'), {
        file: 'examples/worker/Dockerfile',
        exclude: ['**/node_modules', '**/cdk.out*', 'compat', 'lib', 'dist', 'coverage', 'test-reports', '.git', '.jsii', 'API.md', 'bench', 'test', 'docs'],
      }),
      activityHeartbeat: heartbeat,
      concurrency: 8,
      minCapacity: 0,
      maxCapacity: 5,
    });
  }
}
