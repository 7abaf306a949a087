import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  CatchPreset, EventBridgeSteps, FailurePath, Flow, Heartbeat, LambdaSteps, RetryPreset, Saga, ServiceRetries, SnsSteps,
  SqsSteps, StepFunctionsSteps, TimeoutPreset, Workflow, WorkflowAlarms, AliasTraffic, WorkflowAlias,
} from '../src';

/** Lambda functions of the example: small handlers in ./lambda. */
const FUNCTION_TIMEOUT = Duration.seconds(10);

/**
 * An order-processing workflow, built with every kind of step cdk-stepwise offers:
 *
 * 1. validate the order with Lambda (request-response), failing invalid orders;
 * 2. reserve stock for each line (an inline Map);
 * 3. a saga: charge the payment (Lambda), ask the warehouse to pick the order and wait for its
 *    answer (SQS, wait for a callback), generate the invoice with a nested Express workflow (run
 *    a job, `.sync:2`); a failure refunds and cancels what was done, in reverse order;
 * 4. notify the customer and publish an event at the same time (a Parallel of SNS and EventBridge);
 * 5. succeed. Any unexpected failure of a step goes to a failure path that keeps the order,
 *    sends it to a dead-letter queue, pages on-call and fails with the original error.
 *
 * Deployed safely: every change of the definition publishes a version, and callers start
 * executions through the `live` alias, which CloudFormation moves to a new version as a canary
 * (10 % for 10 minutes) watching the workflow's alarms, rolling back if one fires. The steps
 * invoke published Lambda versions and the invoice workflow's current version, so executions
 * still running on an older version keep calling the code they were published with.
 */
export class OrderProcessingStack extends Stack {
  public readonly workflow: Workflow;
  public readonly invoiceWorkflow: Workflow;
  public readonly alarms: WorkflowAlarms;
  public readonly live: WorkflowAlias;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const code = lambda.Code.fromAsset(path.join(__dirname, 'lambda'));
    // Each function's current version: a published workflow keeps invoking the code it was published with.
    const fn = (name: string, handler: string) => new lambda.Function(this, name, {
      code,
      handler: `${handler}.handler`,
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: FUNCTION_TIMEOUT,
    }).currentVersion;
    const validateFn = fn('ValidateOrder', 'validate-order');
    const reserveFn = fn('ReserveStock', 'reserve-stock');
    const chargeFn = fn('ChargePayment', 'charge-payment');
    const refundFn = fn('RefundPayment', 'refund-payment');
    const invoiceFn = fn('RenderInvoice', 'render-invoice');

    const warehouseQueue = new sqs.Queue(this, 'WarehouseRequests', { enforceSSL: true });
    const deadLetters = new sqs.Queue(this, 'FailedOrders', { enforceSSL: true, retentionPeriod: Duration.days(14) });
    const customerTopic = new sns.Topic(this, 'CustomerNotifications', { enforceSSL: true });
    const oncall = new sns.Topic(this, 'OnCall', { enforceSSL: true });
    const bus = new events.EventBus(this, 'Orders');

    const lambdaTimeout = TimeoutPreset.lambdaInvoke(FUNCTION_TIMEOUT).toTaskTimeoutOptions();

    // The invoice is rendered by a short Express workflow, run as a job of the order workflow.
    this.invoiceWorkflow = new Workflow(this, 'Invoice', {
      workflowType: sfn.StateMachineType.EXPRESS,
      timeout: Duration.minutes(1),
      definition: new Flow(this, 'InvoiceFlow')
        .addStep('Render invoice', LambdaSteps.invoke({ lambdaFunction: invoiceFn, payloadResponseOnly: true, ...lambdaTimeout })),
    });

    const failed = new FailurePath(this, 'Order failed', { deadLetterQueue: deadLetters, topic: oncall });

    const rejected = new Flow(this, 'Rejected')
      .addFail('Order rejected', { error: 'OrderInvalid', causePath: sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$.problems')) });

    const reserveLine = new Flow(this, 'ReserveLine')
      .addStep('Reserve stock', LambdaSteps.invoke({ lambdaFunction: reserveFn, payloadResponseOnly: true, ...lambdaTimeout }));

    // Compensations keep their input (resultPath DISCARD): each sees the order and the error.
    const fulfil = new Saga(this, 'Fulfil')
      .addStep('Charge payment', LambdaSteps.invoke({ lambdaFunction: chargeFn, payloadResponseOnly: true, resultPath: '$.payment', ...lambdaTimeout }), {
        compensation: LambdaSteps.invoke({ lambdaFunction: refundFn, payloadResponseOnly: true, resultPath: sfn.JsonPath.DISCARD, ...lambdaTimeout }),
        compensationName: 'Refund payment',
      })
      .addStep('Request pick', SqsSteps.sendMessageWithCallback({
        queue: warehouseQueue,
        // The step adds the task token to the message (field `taskToken`).
        messageBody: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId', 'lines.$': '$.lines' }),
        resultPath: '$.pick',
        taskTimeout: sfn.Timeout.duration(Duration.hours(4)),
        heartbeat: Heartbeat.every(Duration.minutes(15)),
      }), {
        compensation: SqsSteps.sendMessage({
          queue: warehouseQueue,
          messageBody: sfn.TaskInput.fromObject({ 'cancel.$': '$.orderId' }),
          resultPath: sfn.JsonPath.DISCARD,
          taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
        }),
        compensationName: 'Cancel pick',
      })
      .addStep('Generate invoice', StepFunctionsSteps.startExecutionAndWait({
        stateMachine: this.invoiceWorkflow.currentVersion,
        input: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId', 'payment.$': '$.payment' }),
        associateWithParent: true,
        resultSelector: { 'invoice.$': '$.Output' },
        resultPath: '$.invoice',
        taskTimeout: sfn.Timeout.duration(Duration.minutes(5)),
      }));

    const notifyCustomer = new Flow(this, 'NotifyCustomer')
      .addStep('Notify customer', SnsSteps.publish({
        topic: customerTopic,
        message: sfn.TaskInput.fromJsonPathAt("States.Format('Order {} is confirmed', $.orderId)"),
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }));
    const publishEvent = new Flow(this, 'PublishEvent')
      .addStep('Publish OrderCompleted', EventBridgeSteps.putEvents({
        entries: [{
          eventBus: bus,
          source: 'example.orders',
          detailType: 'OrderCompleted',
          detail: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId' }),
        }],
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }));

    const definition = new Flow(this, 'OrderFlow')
      // Validation is a pure function, so retrying any task failure once is safe (on top of the
      // Lambda presets every Lambda step gets by default).
      .addStep('Validate order', LambdaSteps.invoke({
        lambdaFunction: validateFn,
        payloadResponseOnly: true,
        retries: [...ServiceRetries.lambdaInvoke(), RetryPreset.taskFailed({ maxAttempts: 1 })],
        ...lambdaTimeout,
      }))
      .addCatch(failed, CatchPreset.keepInput())
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
      .addCatch(failed, CatchPreset.keepInput())
      .addNext(fulfil)
      .addParallel('Notify', { branches: [notifyCustomer, publishEvent], resultPath: sfn.JsonPath.DISCARD })
      .addCatch(failed, CatchPreset.keepInput())
      .addSucceed('Order complete');

    this.workflow = new Workflow(this, 'OrderProcessing', {
      definition,
      timeout: Duration.hours(6),
      comment: 'Validates an order, reserves its stock, charges, picks and invoices it (a saga), and notifies the customer.',
    });
    this.alarms = new WorkflowAlarms(this, 'Alarms', { stateMachine: this.workflow, topic: oncall });
    // A canary of each new version, watching the alarms above; the stack update rolls back if one fires.
    this.live = this.workflow.addAlias('live', { traffic: AliasTraffic.canary({ percentage: 10, interval: Duration.minutes(10) }) });
  }
}
