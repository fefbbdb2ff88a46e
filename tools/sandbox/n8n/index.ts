/** The real-n8n tooling: one module per job, re-exported here. */
export * from './credentials';
export * from './executeOutput';
export * from './instance';
export * from './paths';
export { freePort, type CliResult } from './processes';
export * from './runtime';
export * from './queueMode';
export * from './session';
