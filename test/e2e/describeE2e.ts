/** `describe` under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config the suites skip themselves. */
declare const __N8N_E2E__: boolean | undefined;
const underE2eConfig = typeof __N8N_E2E__ !== 'undefined' && __N8N_E2E__ === true;

export const describeE2e = underE2eConfig ? describe : describe.skip;
