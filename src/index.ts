export * from './validation/finding';
export * from './patterns/step';
export * from './testing/asl';
export * from './testing/diagram';
export * from './flow/flow';
export * from './flow/options';
export * from './constructs/workflow';
