import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

/*
 * One order workflow, built twice with plain aws-cdk-lib states: once with JSONPath, once with
 * JSONata. Same states, same paths:
 *
 *   Validate -> Is valid? -(valid)-> Charge card (Retry Payment.Throttled x2, Catch States.ALL -> Payment failed)
 *                         -(else)-> Rejected (Fail OrderInvalid)
 *   Charge card -> Fulfil (Parallel: [Send email] | [Reserve items (Map over items: Reserve item)])
 *   -> Cool down (Wait 3600 s) -> Done (Succeed)
 */

function fn(stack: Stack, id: string): lambda.IFunction {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
}

/** The JSONPath order workflow. */
export function jsonPathOrderWorkflow(): sfn.StateMachine {
  const stack = new Stack(new App(), 'Orders');
  const validate = new tasks.LambdaInvoke(stack, 'Validate', {
    lambdaFunction: fn(stack, 'ValidateFn'),
    payloadResponseOnly: true,
    resultPath: '$.validation',
  });
  const charge = new tasks.LambdaInvoke(stack, 'Charge card', {
    lambdaFunction: fn(stack, 'ChargeFn'),
    payload: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId', 'amount.$': '$.total' }),
    payloadResponseOnly: true,
    resultPath: '$.charge',
    retryOnServiceExceptions: false,
  });
  charge.addRetry({ errors: ['Payment.Throttled'], maxAttempts: 2, interval: Duration.seconds(2), backoffRate: 3 });
  const paymentFailed = new sfn.Fail(stack, 'Payment failed', { error: 'PaymentFailed', causePath: '$.error.Cause' });
  charge.addCatch(paymentFailed, { errors: ['States.ALL'], resultPath: '$.error' });

  const email = new tasks.LambdaInvoke(stack, 'Send email', {
    lambdaFunction: fn(stack, 'EmailFn'),
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
  });
  const reserve = new sfn.Map(stack, 'Reserve items', { itemsPath: '$.items', resultPath: '$.reserved' });
  reserve.itemProcessor(new tasks.LambdaInvoke(stack, 'Reserve item', {
    lambdaFunction: fn(stack, 'ReserveFn'),
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
  }));
  const fulfil = new sfn.Parallel(stack, 'Fulfil', { resultPath: '$.fulfilment' });
  fulfil.branch(email);
  fulfil.branch(reserve);

  const definition = validate
    .next(new sfn.Choice(stack, 'Is valid?')
      .when(sfn.Condition.booleanEquals('$.validation.valid', true), charge
        .next(fulfil)
        .next(new sfn.Wait(stack, 'Cool down', { time: sfn.WaitTime.duration(Duration.hours(1)) }))
        .next(new sfn.Succeed(stack, 'Done')))
      .otherwise(new sfn.Fail(stack, 'Rejected', { error: 'OrderInvalid', cause: 'the order did not validate' })));
  return new sfn.StateMachine(stack, 'Workflow', { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
}

/** The same workflow with JSONata, and a variable (`orderId`) instead of passing data through. */
export function jsonataOrderWorkflow(): sfn.StateMachine {
  const stack = new Stack(new App(), 'OrdersJsonata');
  const validate = tasks.LambdaInvoke.jsonata(stack, 'Validate', {
    lambdaFunction: fn(stack, 'ValidateFn'),
    payload: sfn.TaskInput.fromObject({ order: '{% $states.input %}' }),
    assign: { orderId: '{% $states.input.orderId %}', total: '{% $states.input.total %}' },
    outputs: '{% $merge([$states.input, { "validation": $states.result.Payload }]) %}',
  });
  const charge = tasks.LambdaInvoke.jsonata(stack, 'Charge card', {
    lambdaFunction: fn(stack, 'ChargeFn'),
    payload: sfn.TaskInput.fromObject({ orderId: '{% $orderId %}', amount: '{% $total %}' }),
    outputs: '{% $merge([$states.input, { "charge": $states.result.Payload }]) %}',
    retryOnServiceExceptions: false,
  });
  charge.addRetry({ errors: ['Payment.Throttled'], maxAttempts: 2, interval: Duration.seconds(2), backoffRate: 3 });
  const paymentFailed = sfn.Fail.jsonata(stack, 'Payment failed', { error: 'PaymentFailed', cause: '{% $states.input.Cause %}' });
  charge.addCatch(paymentFailed, { errors: ['States.ALL'], outputs: '{% $states.errorOutput %}' });

  const email = tasks.LambdaInvoke.jsonata(stack, 'Send email', {
    lambdaFunction: fn(stack, 'EmailFn'),
    payload: sfn.TaskInput.fromObject({ orderId: '{% $orderId %}' }),
    outputs: '{% $states.result.Payload %}',
    retryOnServiceExceptions: false,
  });
  const reserve = sfn.Map.jsonata(stack, 'Reserve items', {
    items: sfn.ProvideItems.jsonata('{% $states.input.items %}'),
    itemSelector: { sku: '{% $states.context.Map.Item.Value %}', position: '{% $states.context.Map.Item.Index %}' },
  });
  reserve.itemProcessor(tasks.LambdaInvoke.jsonata(stack, 'Reserve item', {
    lambdaFunction: fn(stack, 'ReserveFn'),
    outputs: '{% $states.result.Payload %}',
    retryOnServiceExceptions: false,
  }));
  const fulfil = sfn.Parallel.jsonata(stack, 'Fulfil', {
    outputs: '{% $merge([$states.input, { "fulfilment": $states.result }]) %}',
  });
  fulfil.branch(email);
  fulfil.branch(reserve);

  const definition = validate
    .next(sfn.Choice.jsonata(stack, 'Is valid?')
      .when(sfn.Condition.jsonata('{% $states.input.validation.valid = true %}'), charge
        .next(fulfil)
        .next(sfn.Wait.jsonata(stack, 'Cool down', { time: sfn.WaitTime.duration(Duration.hours(1)) }))
        .next(sfn.Succeed.jsonata(stack, 'Done')))
      .otherwise(sfn.Fail.jsonata(stack, 'Rejected', { error: 'OrderInvalid', cause: 'the order did not validate' })));
  return new sfn.StateMachine(stack, 'Workflow', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
  });
}

/** An order input both workflows accept. */
export const ORDER = { orderId: 'o-1', total: 42, items: ['sku-1', 'sku-2'] };
