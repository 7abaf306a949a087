import { App } from 'aws-cdk-lib';
import { OrderProcessingStack } from './order-processing';

const app = new App();
new OrderProcessingStack(app, 'OrderProcessing');
app.synth();
