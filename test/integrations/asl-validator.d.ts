// asl-validator 4 ships JavaScript without type declarations; this is the part the tests use.
declare module 'asl-validator' {
  interface AslValidatorOptions {
    readonly checkPaths: boolean;
    readonly checkArn: boolean;
  }
  interface AslValidatorResult {
    readonly isValid: boolean;
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: AslValidatorOptions): AslValidatorResult;
  export = aslValidator;
}
