// Reconciles a batch of stock counts: { Items: [{ sku, counted, expected }], BatchInput: { runDate } }.
// A real implementation would write the differences to the inventory service.
exports.handler = async ({ Items, BatchInput }) => {
  const differences = Items.filter((i) => i.counted !== i.expected).map((i) => ({ sku: i.sku, delta: i.counted - i.expected }));
  return { runDate: BatchInput.runDate, checked: Items.length, differences };
};
