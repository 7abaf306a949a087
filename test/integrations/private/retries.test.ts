import { stepRetries } from '../../../src/integrations/private/retries';
import { RetryPreset } from '../../../src/patterns/retry';

describe('stepRetries', () => {
  test('renders the service default when the step has no retries', () => {
    const retries = stepRetries({}, () => [RetryPreset.lambdaThrottling()]);
    expect(retries.map((r) => r.errors)).toEqual([['Lambda.TooManyRequestsException']]);
  });

  test('renders the step\'s retries, in order, without building the default', () => {
    // GIVEN a default that cannot be built (an AWS SDK default for a service with no exception prefix)
    const unbuildable = () => [RetryPreset.awsSdkThrottling('nosuchservice')];
    expect(unbuildable).toThrow(/\[SW703\]/);
    // WHEN the step has its own retries
    const retries = stepRetries({ retries: [RetryPreset.custom(['A.Busy']), RetryPreset.lambdaThrottling()] }, unbuildable);
    // THEN
    expect(retries.map((r) => r.errors)).toEqual([['A.Busy'], ['Lambda.TooManyRequestsException']]);
  });

  test('an empty list means no retriers, not the default', () => {
    expect(stepRetries({ retries: [] }, () => [RetryPreset.lambdaThrottling()])).toEqual([]);
  });
});
