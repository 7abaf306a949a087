// Reserves stock for one order line. A real implementation would call the inventory service.
exports.handler = async ({ orderId, line }) => ({ orderId, sku: line.sku, quantity: line.quantity, reservationId: `${orderId}-${line.sku}` });
