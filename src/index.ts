export * from './validation/finding';
export * from './patterns/step';
export * from './testing/asl';
