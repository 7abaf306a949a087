import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { Flow, Workflow } from '../src';

/**
 * An order-processing workflow: validate the order with Lambda, reject invalid orders, reserve
 * stock for each line (a Map), then charge the customer and notify them at the same time (a
 * Parallel).
 */
export class OrderProcessingStack extends Stack {
  public readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const code = lambda.Code.fromAsset(path.join(__dirname, 'lambda'));
    const fn = (name: string, handler: string) => new lambda.Function(this, name, {
      code,
      handler: `${handler}.handler`,
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
    });
    const validateFn = fn('ValidateOrder', 'validate-order');
    const reserveFn = fn('ReserveStock', 'reserve-stock');
    const chargeFn = fn('ChargePayment', 'charge-payment');
    const customerTopic = new sns.Topic(this, 'CustomerNotifications');

    const rejected = new Flow(this, 'Rejected')
      .addFail('Order rejected', { error: 'OrderInvalid', causePath: sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$.problems')) });

    const reserveLine = new Flow(this, 'ReserveLine')
      .addNext(new tasks.LambdaInvoke(this, 'Reserve stock', {
        lambdaFunction: reserveFn,
        payload: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId', 'line.$': '$.line' }),
        payloadResponseOnly: true,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }));

    const charge = new Flow(this, 'Charge')
      .addNext(new tasks.LambdaInvoke(this, 'Charge payment', {
        lambdaFunction: chargeFn,
        payloadResponseOnly: true,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }));

    const notify = new Flow(this, 'Notify')
      .addNext(new tasks.SnsPublish(this, 'Notify customer', {
        topic: customerTopic,
        message: sfn.TaskInput.fromJsonPathAt('States.Format(\'Order {} is confirmed\', $.orderId)'),
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }));

    const definition = new Flow(this, 'OrderFlow')
      .addNext(new tasks.LambdaInvoke(this, 'Validate order', {
        lambdaFunction: validateFn,
        payloadResponseOnly: true,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }))
      .addChoice('Order valid?', {
        branches: [{ condition: sfn.Condition.booleanEquals('$.valid', false), next: rejected }],
      })
      .addMap('Reserve each line', {
        itemsPath: '$.lines',
        itemSelector: { 'orderId.$': '$.orderId', 'line.$': '$$.Map.Item.Value' },
        maxConcurrency: 10,
        resultPath: '$.reservations',
        processor: reserveLine,
      })
      .addParallel('Charge and notify', { branches: [charge, notify], resultPath: '$.fulfilment' })
      .addSucceed('Order complete');

    this.workflow = new Workflow(this, 'OrderProcessing', {
      definition,
      timeout: Duration.hours(1),
      comment: 'Validates an order, reserves its stock, charges the customer and notifies them.',
    });
  }
}
