// Charges the customer for the order total. A real implementation would call the payment provider.
exports.handler = async ({ orderId, customerId, total }) => ({ orderId, customerId, amount: total, paymentId: `pay-${orderId}` });
