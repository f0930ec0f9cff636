// What each test command needs from the machine, beyond `npm install`. Adding a suite that needs a system program
// means adding it here: `npm test` then provisions it before any suite runs, and `npm run doctor` checks it.

/** @type {import('./system-packages.mjs').SystemProgram} */
export const CHROMIUM = {
  command: 'chromium',
  debianPackage: 'chromium',
  neededFor: 'the playground browser test (e2e/test/client/playground.browser.test.ts)',
  pathVariable: 'CHROMIUM_PATH',
};

/** @type {import('./system-packages.mjs').SystemProgram} */
export const DOCKER_COMPOSE = {
  command: 'docker-compose',
  debianPackage: 'docker-compose',
  neededFor: 'validating docker-compose.yml offline (npm run compose:check)',
};

/** Programs per turbo task run by `node scripts/prerequisites/run-tests.mjs <task>`. */
export const PROGRAMS_BY_TASK = {
  test: [CHROMIUM],
  'test:pulsar': [],
};
