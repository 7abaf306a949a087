import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AslDefinition, AslSubstitution, Workflow } from '../src';

/**
 * A workflow designed in Workflow Studio and kept as a file (workflows/restock.asl.json): its
 * `${InventoryTable}` and `${SupplierQueue}` placeholders are this stack's table and queue, and
 * the role's statements are derived from its Task states (dynamodb:GetItem and
 * dynamodb:UpdateItem on the table, sqs:SendMessage on the queue).
 */
export class RestockStack extends Stack {
  public readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const inventory = new dynamodb.Table(this, 'Inventory', {
      partitionKey: { name: 'sku', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const supplierRequests = new sqs.Queue(this, 'SupplierRequests', { enforceSSL: true });

    this.workflow = new Workflow(this, 'Restock', {
      aslDefinition: AslDefinition.fromFile(path.join(__dirname, 'workflows', 'restock.asl.json'), {
        substitutions: {
          InventoryTable: AslSubstitution.table(inventory),
          SupplierQueue: AslSubstitution.queue(supplierRequests),
        },
      }),
      // A supplier may take a day to answer.
      timeout: Duration.days(2),
    });
  }
}
