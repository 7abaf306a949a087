import * as path from 'path';
import { Annotations, App } from 'aws-cdk-lib';
import { Diagram, StepwiseChecks } from '../src';
import { OrderProcessingStack } from './order-processing';
import { StockReconciliationStack } from './stock-reconciliation';
import { ShippingStack } from './worker/worker-stack';

const app = new App();
const orders = new OrderProcessingStack(app, 'OrderProcessing');
const shipping = new ShippingStack(app, 'Shipping');
const stock = new StockReconciliationStack(app, 'StockReconciliation');

// Workflows check themselves; this one line also checks any plain aws-cdk-lib state machine.
StepwiseChecks.enable(app);

// A warning, acknowledged with the reason it does not apply here.
Annotations.of(orders.workflow).acknowledgeWarning('cdk-stepwise:SW119',
  'orders are validated to have at most 100 lines, far below the execution-history limit');

const assembly = app.synth();

// A Mermaid diagram and a Workflow Studio definition of each workflow, next to the report.
for (const workflow of [orders.workflow, orders.invoiceWorkflow, shipping.workflow, stock.workflow]) {
  Diagram.writeFiles(workflow, path.join(assembly.directory, 'diagrams'), {
    baseName: workflow.node.path.replace(/\//g, '.'),
  });
}
