import { RenderedToken, TokenKind } from '../../../src/core/asl/render';
import { PARAMETER_TYPE, estimateToken, measureDefinition } from '../../../src/core/asl/size';
import { TOKEN_ESTIMATES } from '../../../src/core/quotas';

const token = (placeholder: string, kind: TokenKind, target?: string): RenderedToken => ({ placeholder, kind, target, intrinsic: {} });

describe('estimateToken', () => {
  test.each([
    [token('${AWS::Partition}', TokenKind.PSEUDO, 'AWS::Partition'), TOKEN_ESTIMATES.partition.value],
    [token('${AWS::Region}', TokenKind.PSEUDO, 'AWS::Region'), TOKEN_ESTIMATES.region.value],
    [token('${AWS::AccountId}', TokenKind.PSEUDO, 'AWS::AccountId'), 12],
    [token('${AWS::URLSuffix}', TokenKind.PSEUDO, 'AWS::URLSuffix'), TOKEN_ESTIMATES.urlSuffix.value],
    [token('${AWS::StackName}', TokenKind.PSEUDO, 'AWS::StackName'), 128],
    [token('${Ref:Queue}', TokenKind.REF, 'Queue'), 256],
    [token('${GetAtt:Fn.Arn}', TokenKind.GET_ATT, 'Fn'), 256],
    [token('${ImportValue:X}', TokenKind.IMPORT), 4096],
    [token('${Fn::Select:...}', TokenKind.OTHER), 4096],
  ])('%o is estimated at %d characters', (t, n) => {
    expect(estimateToken(t)).toEqual(n);
  });

  test('a template parameter or a custom resource attribute is estimated at 4,096 characters', () => {
    const types = new Map([['${Ref:Param}', PARAMETER_TYPE], ['${GetAtt:Custom.Value}', 'Custom::Thing']]);
    expect(estimateToken(token('${Ref:Param}', TokenKind.REF, 'Param'), types)).toEqual(4096);
    expect(estimateToken(token('${GetAtt:Custom.Value}', TokenKind.GET_ATT, 'Custom'), types)).toEqual(4096);
  });
});

describe('measureDefinition', () => {
  test('replaces each placeholder by its estimate, and by its shortest value for the lower bound', () => {
    const text = '{"Resource":"arn:${AWS::Partition}:states:::lambda:invoke","Account":"${AWS::AccountId}"}';
    const size = measureDefinition(text, [token('${AWS::Partition}', TokenKind.PSEUDO, 'AWS::Partition'), token('${AWS::AccountId}', TokenKind.PSEUDO, 'AWS::AccountId')]);
    const base = text.length - '${AWS::Partition}'.length - '${AWS::AccountId}'.length;
    expect(size).toEqual({
      rendered: text.length,
      lowerBound: base + 1 + 12,
      estimate: base + TOKEN_ESTIMATES.partition.value + 12,
      tokenCount: 2,
      tokenCharacters: TOKEN_ESTIMATES.partition.value + 12,
    });
  });

  test('is the text length when there are no tokens', () => {
    expect(measureDefinition('{"a":1}')).toEqual({ rendered: 7, lowerBound: 7, estimate: 7, tokenCount: 0, tokenCharacters: 0 });
  });
});
