export * from './server.ts';
export * from './signing.ts';
