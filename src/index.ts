export * from './testing/asl';
