import { checkIntrinsic, countPlaceholders, parseIntrinsic } from '../../../src/core/asl/intrinsics';
import { analyzeJsonata } from '../../../src/core/asl/jsonata';
import { PathRoot, parsePath } from '../../../src/core/asl/paths';
import { Severity } from '../../../src/core/finding';
import { expressionRule, literalExpressionRule, variablesRule } from '../../../src/validation/rules/expressions';
import { check, machine, task } from '../helpers';

const pass = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Type: 'Pass', End: true, ...extra });
const jsonata = (states: Record<string, unknown>): Record<string, any> => machine(states, { QueryLanguage: 'JSONata' });

describe('path syntax', () => {
  test.each([
    ['$.a.b[0]', PathRoot.INPUT, undefined],
    ['$$.Execution.Id', PathRoot.CONTEXT, undefined],
    ['$order.total', PathRoot.VARIABLE, undefined],
    ["$['my key'].x", PathRoot.INPUT, undefined],
    ['$.items[*].id', PathRoot.INPUT, 'the wildcard [*]'],
    ['$..id', PathRoot.INPUT, 'the deep scan ..'],
    ['$.a[?(@.b > 1)]', PathRoot.INPUT, 'a filter [?(...)]'],
    ['$.a[1:3]', PathRoot.INPUT, 'a slice [a:b]'],
    ['$.a.length()', PathRoot.INPUT, 'the function length()'],
  ])('parses %s', (text, root, notReference) => {
    const parsed = parsePath(text);
    expect(parsed).toEqual(expect.objectContaining({ ok: true, root }));
    expect(parsed.ok && parsed.notReference).toEqual(notReference);
  });

  test.each([
    ['message', 1, /starts with \$/],
    ['$.a[0', 4, /expected '\]'/],
    ['$.', 3, /ends with a dot/],
    ['$.a b', 4, /whitespace/],
    ['$.a[]', 4, /empty brackets/],
  ])('rejects %s at the character it goes wrong', (text, position, message) => {
    expect(parsePath(text)).toEqual({ ok: false, position, message: expect.stringMatching(message) });
  });
});

describe('intrinsic functions', () => {
  test('parse literals, paths and nested calls', () => {
    const parsed = parseIntrinsic("States.Format('Hi {}, \\{not\\} {}', $.name, States.MathAdd($n, 1))");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.call.args.map((a) => a.kind)).toEqual(['string', 'path', 'call']);
      expect(checkIntrinsic(parsed.call)).toEqual([]);
    }
    expect(countPlaceholders('a {} b \\{\\} {}')).toBe(2);
  });

  test.each([
    ['States.MathAdd($.n, 1', /not closed/],
    ["States.Format('x)", /not closed/],
    ["States.StringToJson('{\\\"a\\\": 1}')", /escape \\" is not allowed/],
    ['States.Format("x")', /single quotes/],
  ])('report the syntax error in %s', (text, message) => {
    expect(parseIntrinsic(text)).toEqual(expect.objectContaining({ ok: false, message: expect.stringMatching(message) }));
  });

  test.each([
    ['States.MathAddd($.n, 1)', /not an intrinsic function \(did you mean States\.MathAdd\?\)/],
    ['States.MathAdd($.n)', /takes 2 arguments, but 1 is given/],
    ["States.MathAdd('one', 1)", /argument 1 of States\.MathAdd must be an integer, but 'one' is a string/],
    ["States.Format('{} and {}', $.a)", /has 2 \{\} placeholders but 1 value is given/],
    ['States.JsonMerge($.a, $.b, true)', /must be false/],
    ['States.ArrayRange(1, 5000, 1)', /would return 5,000 items; it returns at most 1,000/],
    ["States.Hash($.a, 'SHA-3')", /not a hash algorithm/],
    ['States.MathAdd(2147483648, 1)', /from -2,147,483,648 to 2,147,483,647/],
    ['States.UUID(1)', /takes 0 arguments/],
  ])('check %s', (text, message) => {
    const parsed = parseIntrinsic(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(checkIntrinsic(parsed.call).map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
  });

  test('limit nesting to 10 functions', () => {
    let call = '$.x';
    for (let i = 0; i < 11; i++) {
      call = `States.JsonToString(${call})`;
    }
    const parsed = parseIntrinsic(call);
    expect(parsed.ok && checkIntrinsic(parsed.call).map((p) => p.message)).toEqual([expect.stringMatching(/nests 11 intrinsic functions; at most 10/)]);
  });
});

describe('JSONata analysis', () => {
  test('finds variables, $states fields and top-level references, leaving out functions and local bindings', () => {
    const a = analyzeJsonata(' ($total := $sum($states.input.items.price); $total * $rate + $count($states.input.items)) ');
    expect(a.error).toBeUndefined();
    expect([...a.variables].sort()).toEqual(['rate']);
    expect(a.statesFields).toEqual(['input']);
    expect(a.topLevelReferences).toEqual([]);
    expect(analyzeJsonata('offset + 1').topLevelReferences).toEqual(['offset']);
    expect(analyzeJsonata('$map($states.input, function($v) { $v * 2 })').variables).toEqual([]);
  });

  test('reports syntax errors with the library code and the position', () => {
    expect(analyzeJsonata(' $a + ').error).toEqual(expect.objectContaining({ code: 'S0207', position: expect.any(Number) }));
  });
});

describe('expressions (SW230-SW234)', () => {
  test.each([
    ['InputPath', machine({ T: task({ InputPath: 'message' }) }), 'SW230', /InputPath is "message", which is not a valid path: a path starts with \$/],
    ['a Choice Variable', machine({ C: { Type: 'Choice', Choices: [{ Variable: 'value', IsPresent: true, Next: 'P' }], Default: 'P' }, P: pass() }), 'SW230', /Choices\[0\]\.Variable is "value"/],
    ['a wildcard in ResultPath', machine({ T: task({ ResultPath: '$.r[*].s' }) }), 'SW230', /uses the wildcard \[\*\]; ResultPath takes a Reference Path/],
    ['$$ in ResultPath', machine({ T: task({ ResultPath: '$$.Execution.x' }) }), 'SW230', /starts with \$ \(not \$\$ or a variable\)/],
    ['a filter in ItemsPath', machine({ M: { Type: 'Map', End: true, ItemsPath: '$.d[?(@.p)]', ItemProcessor: machine({ I: pass() }) } }), 'SW230', /ItemsPath .* uses a filter/],
    ['the Context object in MaxConcurrencyPath', machine({ M: { Type: 'Map', End: true, MaxConcurrencyPath: '$$.Execution.Input.n', ItemProcessor: machine({ I: pass() }) } }), 'SW230', /reads the state's input, not the Context object/],
    ['a .$ value that is not a path', machine({ T: task({ Parameters: { 'Text.$': 'message' } }) }), 'SW230', /Parameters\.Text\.\$ is "message", which is neither a path nor an intrinsic function call/],
    ['a .$ value that is a number', machine({ T: task({ Parameters: { 'Text.$': 42 } }) }), 'SW230', /Parameters\.Text\.\$ is 42; a field whose name ends in \.\$ takes a path or an intrinsic/],
    ['a literal in an Assign .$', machine({ P: pass({ Assign: { 'count.$': 'Test' } }) }), 'SW230', /Assign\.count\.\$ is "Test"/],
    ['an unknown intrinsic', machine({ P: pass({ Parameters: { 'n.$': 'States.MathAddd($.n, 1)' } }) }), 'SW231', /States\.MathAddd is not an intrinsic function \(did you mean States\.MathAdd\?\)/],
    ['an unclosed intrinsic in ErrorPath', machine({ F: { Type: 'Fail', ErrorPath: "States.Format('{}', $.e" } }), 'SW231', /ErrorPath holds the intrinsic function call .* does not parse/],
    ['a JSONata syntax error', jsonata({ P: pass({ Output: { n: '{% $states.input.n + %}' } }) }), 'SW232', /Output\.n holds the JSONata expression "\{% \$states\.input\.n \+ %\}", which does not parse: .*\(S0207, at character \d+/],
    ['$$ in JSONata', jsonata({ P: pass({ Output: '{% $$ %}' }) }), 'SW233', /^Output holds "\{% \$\$ %\}", which reads \$\$; JSONata states do not have it/],
    ['a top-level field in JSONata', jsonata({ P: pass({ Output: '{% offset %}' }) }), 'SW233', /reads the field "offset" at the top level .* write \$states\.input\.offset/],
    ['$states.result in Arguments', jsonata({ T: task({ Arguments: { a: '{% $states.result %}' } }) }), 'SW233', /Arguments\.a holds "\{% \$states\.result %\}", which reads \$states\.result; it exists only in the Output and Assign/],
    ['$states.errorOutput outside a catcher', jsonata({ P: pass({ Output: '{% $states.errorOutput %}' }) }), 'SW233', /reads \$states\.errorOutput; it exists only in a catcher/],
    ['$eval', jsonata({ P: pass({ Output: "{% $eval('1') %}" }) }), 'SW233', /holds "\{% \$eval\('1'\) %\}", which calls \$eval; Step Functions does not provide it; use \$parse/],
    ['a field with and without .$', machine({ T: task({ Parameters: { 'Text': 'a', 'Text.$': '$.t' } }) }), 'SW234', /Parameters has both "Text" and "Text\.\$"/],
  ])('reports %s', (_, definition, code, message) => {
    const findings = check(expressionRule, definition);
    const expected = expect.objectContaining({ code, severity: Severity.ERROR, message: expect.stringMatching(message) });
    expect(findings).toEqual(expect.arrayContaining([expected]));
  });

  test('accepts $states.result in a Task Output and $states.errorOutput in a catcher', () => {
    expect(check(expressionRule, jsonata({
      T: task({ Output: '{% $states.result.Payload %}', Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'P' }] }),
      P: pass(),
    }))).toEqual([]);
  });

  test('warns about a path under a plain key (SW407, AWS NO_DOLLAR)', () => {
    expect(check(literalExpressionRule, machine({ T: task({ Parameters: { id: '$.order.id' } }) })))
      .toEqual([expect.objectContaining({ code: 'SW407', severity: Severity.WARNING, message: expect.stringContaining('Parameters.id is "$.order.id", which Step Functions passes on as text') })]);
  });
});

describe('variables (SW235-SW237)', () => {
  test.each([
    ['states', /the name states is reserved/],
    ['1count', /not an identifier/],
    ['a.b', /not an identifier/],
    ['v'.repeat(81), /81 characters long; at most 80/],
  ])('rejects the name %s', (name, message) => {
    expect(check(variablesRule, machine({ P: pass({ Assign: { [name]: 1 } }) })))
      .toEqual([expect.objectContaining({ code: 'SW235', message: expect.stringMatching(message) })]);
  });

  test('rejects a read no state assigns, and one no path assigns first', () => {
    expect(check(variablesRule, machine({ P: pass({ Parameters: { 'n.$': '$count' } }) })))
      .toEqual([expect.objectContaining({ code: 'SW236', message: "Parameters.n.$ of 'P' reads the variable $count, which no state assigns" })]);
    expect(check(variablesRule, jsonata({
      A: pass({ Output: '{% $total %}', End: undefined, Next: 'B' }),
      B: pass({ Assign: { total: 1 } }),
    }))).toEqual([expect.objectContaining({ code: 'SW236', statePath: 'A', message: expect.stringContaining('no path from the start of its workflow') })]);
  });

  test('accepts reads after an assignment on some path, in a loop, and in inner scopes', () => {
    expect(check(variablesRule, jsonata({
      Init: pass({ Assign: { total: 0 }, End: undefined, Next: 'Loop' }),
      Loop: pass({ Assign: { total: '{% $total + 1 %}', last: '{% $total %}' }, End: undefined, Next: 'Check' }),
      Check: { Type: 'Choice', Choices: [{ Condition: '{% $last < 3 %}', Next: 'Loop' }], Default: 'Each' },
      Each: { Type: 'Map', End: true, Items: '{% [1, 2] %}', ItemProcessor: machine({ Use: pass({ Output: '{% $total %}' }) }) },
    }))).toEqual([]);
  });

  test('rejects an inner variable read outside its branch, and an outer one inside a Distributed Map', () => {
    expect(check(variablesRule, jsonata({
      Par: { Type: 'Parallel', Next: 'After', Branches: [machine({ In: pass({ Assign: { inner: 1 } }) })] },
      After: pass({ Output: '{% $inner %}' }),
    }))).toEqual([expect.objectContaining({ code: 'SW237', statePath: 'After', message: expect.stringContaining("assigned only inside 'Par/Branches[0]'") })]);
    expect(check(variablesRule, jsonata({
      Init: pass({ Assign: { outer: 1 }, End: undefined, Next: 'D' }),
      D: {
        Type: 'Map',
        End: true,
        Items: '{% [1] %}',
        ItemProcessor: { ...machine({ Use: pass({ Output: '{% $outer %}' }) }), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
      },
    }))).toEqual([expect.objectContaining({ code: 'SW237', statePath: 'D/ItemProcessor/Use', fix: expect.stringContaining("ItemSelector (or BatchInput) of 'D'") })]);
  });
});
