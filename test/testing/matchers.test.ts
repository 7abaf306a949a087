import { LocalWorkflow, TaskMock } from '../../src/testing';
import '../../src/testing/jest';


const def = {
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'x', Retry: [{ ErrorEquals: ['Flaky'] }], Next: 'Done' },
    Done: { Type: 'Pass', Result: { ok: true }, End: true },
  },
};

describe('matchers', () => {
  test('pass and fail with a message that shows the run', async () => {
    const ok = await LocalWorkflow.of(def).run({ mocks: { Work: TaskMock.sequence(TaskMock.error('Flaky'), TaskMock.result(1)) } });
    const failed = await LocalWorkflow.of(def).run({ mocks: { Work: TaskMock.error('Fatal', 'no') } });

    expect(ok).toHaveSucceeded();
    expect(ok).toHaveSucceededWith({ ok: true });
    expect(ok).toHaveVisited(['Work', 'Done']);
    expect(ok).toHaveEntered('Done');
    expect(ok).toHaveAttempted('Work', 2);
    expect(failed).toHaveFailedWith('Fatal');
    expect(failed).toHaveFailedWith('Fatal', 'no');
    expect(failed).toHaveFailedWith('Fatal', /^n/);

    expect(() => expect(failed).toHaveSucceeded()).toThrow(/expected the run to succeed\nbut it FAILED with Fatal: no; path: Work/);
    expect(() => expect(ok).toHaveVisited(['Work'])).toThrow(/expected the run to visit \[?.*"Work".*\n.*path: Work -> Done/);
    expect(() => expect(ok).toHaveSucceededWith({ ok: false })).toThrow(/to succeed with/);
    expect(() => expect(failed).toHaveFailedWith('Fatal', 'yes')).toThrow(/to fail with Fatal and cause yes/);
    expect(() => expect(ok).toHaveAttempted('Work', 1)).toThrow(/expected 'Work' to run 1 time\(s\), it ran 2 time\(s\)/);
    expect(() => expect(ok).not.toHaveEntered('Done')).toThrow(/expected the run not to enter 'Done'\nstates entered: Work, Done/);
  });

  test('fail clearly when given something other than a run', () => {
    expect(() => expect(Promise.resolve()).toHaveSucceeded()).toThrow(/expected a LocalRun .* Did you forget to await run\(\)\?/);
  });
});
