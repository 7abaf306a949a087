import { App } from 'aws-cdk-lib';
import { OrderProcessingStack } from './order-processing';
import { ShippingStack } from './worker/worker-stack';

const app = new App();
new OrderProcessingStack(app, 'OrderProcessing');
new ShippingStack(app, 'Shipping');
app.synth();
