import { Duration } from 'aws-cdk-lib';
import { Heartbeat } from '../../src/core/heartbeat';

describe('Heartbeat', () => {
  test('every() is a fixed interval in seconds', () => {
    const heartbeat = Heartbeat.every(Duration.minutes(5));
    expect(heartbeat.timeout?.seconds).toBe(300);
    expect(heartbeat.isNone).toBe(false);
  });

  test('at() reads the interval from the input (JSONPath), jsonata() computes it', () => {
    expect(Heartbeat.at('$.heartbeat').timeout?.path).toBe('$.heartbeat');
    expect(Heartbeat.jsonata('{% $states.input.hb %}').timeout?.jsonataExpression).toBe('{% $states.input.hb %}');
  });

  test('none() has no interval', () => {
    const heartbeat = Heartbeat.none();
    expect(heartbeat.timeout).toBeUndefined();
    expect(heartbeat.isNone).toBe(true);
  });
});
