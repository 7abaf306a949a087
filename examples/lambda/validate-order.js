// Validates an order: every line has a SKU and a positive quantity, and the total is computed.
exports.handler = async (order) => {
  const lines = Array.isArray(order.lines) ? order.lines : [];
  const problems = lines
    .map((line, i) => (!line.sku ? `line ${i + 1} has no sku` : line.quantity > 0 ? undefined : `line ${i + 1} has no quantity`))
    .filter(Boolean);
  if (lines.length === 0) problems.push('the order has no lines');
  const total = lines.reduce((sum, line) => sum + (line.quantity || 0) * (line.unitPrice || 0), 0);
  return { orderId: order.orderId, customerId: order.customerId, valid: problems.length === 0, problems, total, lines };
};
