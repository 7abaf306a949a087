import { analyzeDefinition } from '../../../src/testing/engine/analyze';

describe('analyzeDefinition', () => {
  test('collects every state, nested ones included', () => {
    const facts = analyzeDefinition({
      StartAt: 'P',
      States: { P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', End: true } } }] } },
    });
    expect([...facts.stateTypes]).toEqual([['P', 'Parallel'], ['T', 'Task']]);
  });

  test.each([
    [{ StartAt: 'X', States: { A: { Type: 'Succeed' } } }, /StartAt 'X' is not a state of this scope/],
    [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }, /state 'A': transitions to 'B', which is not a state of the state machine/],
    [{ StartAt: 'A', States: { A: { Type: 'Nope' } } }, /state 'A': has an unknown Type 'Nope'/],
    [{ StartAt: 'A', States: { A: { Type: 'Pass' } } }, /state 'A': has neither Next nor "End": true/],
    [{ StartAt: 'A', States: { A: { Type: 'Parallel', End: true, Branches: [] } } }, /is a Parallel state without Branches/],
    [{
      StartAt: 'A',
      States: { A: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } } }] } },
    }, /state 'A': appears twice/],
    [{ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'x', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }] } } }, /transitions to 'Gone'/],
    ['nope', /the definition is not a JSON object/],
  ])('fails: %j', (definition, message) => {
    expect(() => analyzeDefinition(definition)).toThrow(message);
  });

  test('lists every Distributed Map field of an inline Map at once', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(() => analyzeDefinition({
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, ItemBatcher: { MaxItemsPerBatch: 2 }, ToleratedFailureCount: 1, ItemProcessor: processor } },
    })).toThrow("[SW804] the local runner does not emulate: state 'M': inline Map ItemBatcher; state 'M': inline Map ToleratedFailureCount.");
  });
});
