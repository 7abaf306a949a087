// Refunds a payment made earlier in the order's saga. A real implementation would call the payment provider.
exports.handler = async ({ orderId, payment }) => ({ orderId, refunded: payment ? payment.amount : 0 });
