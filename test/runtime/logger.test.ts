import { JsonLogger, SilentLogger } from '../../src/runtime';

describe('JsonLogger', () => {
  test('writes one JSON object per line at or above its level, with errors described', () => {
    const lines: Array<[string, string]> = [];
    const logger = new JsonLogger({ level: 'info', fields: { service: 'w' }, write: (line, level) => lines.push([level, line]) });
    logger.debug('hidden');
    logger.info('started', { concurrency: 4 });
    logger.error('failed', { error: Object.assign(new Error('boom'), { code: 'E1' }) });
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0][1])).toMatchObject({ level: 'info', msg: 'started', service: 'w', concurrency: 4 });
    expect(JSON.parse(lines[1][1]).error).toEqual({ name: 'Error', message: 'boom', code: 'E1' });
    expect(logger.enabled('debug')).toBe(false);
  });

  test('survives fields that are not serializable', () => {
    const lines: string[] = [];
    const cyclic: any = {};
    cyclic.self = cyclic;
    new JsonLogger({ write: (line) => lines.push(line) }).warn('x', { cyclic });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'x', note: 'fields not serializable' });
  });

  test('SilentLogger writes nothing', () => {
    const write = jest.spyOn(process.stdout, 'write');
    new SilentLogger().info();
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });
});
