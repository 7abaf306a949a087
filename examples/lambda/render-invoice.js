// Renders the invoice of a paid order. A real implementation would write a PDF to S3.
exports.handler = async ({ orderId, payment }) => ({ orderId, invoiceId: `inv-${orderId}`, amount: payment ? payment.amount : 0 });
