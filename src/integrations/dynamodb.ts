import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { dynamoDbStatements, dynamoDbTableArn } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * Options of every DynamoDB step.
 */
export interface DynamoDbStepOptions extends IntegrationStepOptions, TaskTimeoutOptions {
  /**
   * The table.
   */
  readonly table: dynamodb.ITable;

  /**
   * Placeholders for attribute names in the expressions (`#name`).
   *
   * @default - none
   */
  readonly expressionAttributeNames?: { [key: string]: string };

  /**
   * Whether to return the capacity consumed.
   *
   * @default DynamoConsumedCapacity.NONE
   */
  readonly returnConsumedCapacity?: tasks.DynamoConsumedCapacity;
}

/**
 * Options of the DynamoDB steps that write an item.
 */
export interface DynamoDbWriteStepOptions extends DynamoDbStepOptions {
  /**
   * A condition the item must meet for the write to succeed.
   *
   * @default - no condition
   */
  readonly conditionExpression?: string;

  /**
   * Values for the placeholders in the expressions (`:value`).
   *
   * @default - none
   */
  readonly expressionAttributeValues?: { [key: string]: tasks.DynamoAttributeValue };

  /**
   * Whether to return item collection metrics.
   *
   * @default DynamoItemCollectionMetrics.NONE
   */
  readonly returnItemCollectionMetrics?: tasks.DynamoItemCollectionMetrics;

  /**
   * Which attributes to return.
   *
   * @default DynamoReturnValues.NONE
   */
  readonly returnValues?: tasks.DynamoReturnValues;
}

/**
 * Properties of `DynamoDbSteps.getItem()`.
 */
export interface DynamoDbGetItemStepProps extends DynamoDbStepOptions {
  /** The item's primary key. */
  readonly key: { [key: string]: tasks.DynamoAttributeValue };

  /**
   * Use a strongly consistent read.
   *
   * @default false
   */
  readonly consistentRead?: boolean;

  /**
   * The attributes to read.
   *
   * @default - all attributes
   */
  readonly projectionExpression?: tasks.DynamoProjectionExpression[];
}

/**
 * Properties of `DynamoDbSteps.putItem()`.
 */
export interface DynamoDbPutItemStepProps extends DynamoDbWriteStepOptions {
  /** The item, primary key included. */
  readonly item: { [key: string]: tasks.DynamoAttributeValue };
}

/**
 * Properties of `DynamoDbSteps.updateItem()`.
 */
export interface DynamoDbUpdateItemStepProps extends DynamoDbWriteStepOptions {
  /** The item's primary key. */
  readonly key: { [key: string]: tasks.DynamoAttributeValue };

  /**
   * How to update the item (`SET #count = #count + :one`).
   *
   * @default - no update expression
   */
  readonly updateExpression?: string;
}

/**
 * Properties of `DynamoDbSteps.deleteItem()`.
 */
export interface DynamoDbDeleteItemStepProps extends DynamoDbWriteStepOptions {
  /** The item's primary key. */
  readonly key: { [key: string]: tasks.DynamoAttributeValue };
}

/**
 * Amazon DynamoDB steps: get, put, update and delete an item. DynamoDB supports only the
 * request-response pattern (no `.sync`, no callback).
 *
 * The role gets the one action (`dynamodb:GetItem`, `PutItem`, `UpdateItem`, `DeleteItem`) on
 * the table. When the table is encrypted with a customer managed key, it also gets the key
 * actions aws-cdk-lib's `table.grantReadData()` (reads) or `grantWriteData()` (writes) grant,
 * which aws-cdk-lib's DynamoDB tasks leave out.
 *
 * The task retries DynamoDB throttling and brief unavailability (`ServiceRetries.dynamoDb()`)
 * unless `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
 */
export class DynamoDbSteps {
  /**
   * Reads an item (`arn:aws:states:::dynamodb:getItem`).
   *
   * @param props the key and state options
   */
  public static getItem(props: DynamoDbGetItemStepProps): RequestResponseStep {
    return new DynamoDbStep(props.table, 'getItem', props);
  }

  /**
   * Writes an item (`dynamodb:putItem`).
   *
   * @param props the item and state options
   */
  public static putItem(props: DynamoDbPutItemStepProps): RequestResponseStep {
    return new DynamoDbStep(props.table, 'putItem', props);
  }

  /**
   * Updates an item (`dynamodb:updateItem`).
   *
   * @param props the key, update expression and state options
   */
  public static updateItem(props: DynamoDbUpdateItemStepProps): RequestResponseStep {
    return new DynamoDbStep(props.table, 'updateItem', props);
  }

  /**
   * Deletes an item (`dynamodb:deleteItem`).
   *
   * @param props the key and state options
   */
  public static deleteItem(props: DynamoDbDeleteItemStepProps): RequestResponseStep {
    return new DynamoDbStep(props.table, 'deleteItem', props);
  }

  private constructor() {}
}

type DynamoAction = 'getItem' | 'putItem' | 'updateItem' | 'deleteItem';
type AnyDynamoProps = DynamoDbGetItemStepProps & DynamoDbPutItemStepProps & DynamoDbUpdateItemStepProps;

class DynamoDbStep extends RequestResponseStep {
  private readonly props: AnyDynamoProps;

  constructor(private readonly table: dynamodb.ITable, private readonly action: DynamoAction, props: DynamoDbStepOptions) {
    super();
    this.props = props as AnyDynamoProps;
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const p = this.props;
    const base = {
      ...taskStateProps(p, { taskTimeout: p.taskTimeout }, bindContext(scope, id, options)),
      table: this.table,
      expressionAttributeNames: p.expressionAttributeNames,
      returnConsumedCapacity: p.returnConsumedCapacity,
    };
    const write = {
      conditionExpression: p.conditionExpression,
      expressionAttributeValues: p.expressionAttributeValues,
      returnItemCollectionMetrics: p.returnItemCollectionMetrics,
      returnValues: p.returnValues,
    };
    // The table as aws-cdk-lib's tasks name it, and its customer managed key, which they leave out.
    const adaptation = {
      statements: () => dynamoDbStatements(this.action, dynamoDbTableArn(scope, this.table.tableName), this.table.encryptionKey?.keyArn),
    };
    switch (this.action) {
      case 'getItem':
        return adaptedTask(tasks.DynamoGetItem, scope, id, {
          ...base, key: p.key, consistentRead: p.consistentRead, projectionExpression: p.projectionExpression,
        }, adaptation);
      case 'putItem':
        return adaptedTask(tasks.DynamoPutItem, scope, id, { ...base, ...write, item: p.item }, adaptation);
      case 'updateItem':
        return adaptedTask(tasks.DynamoUpdateItem, scope, id, { ...base, ...write, key: p.key, updateExpression: p.updateExpression }, adaptation);
      case 'deleteItem':
        return adaptedTask(tasks.DynamoDeleteItem, scope, id, { ...base, ...write, key: p.key }, adaptation);
    }
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.dynamoDb());
  }
}
