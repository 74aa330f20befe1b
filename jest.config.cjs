// One jest run over every package; each package is a project with its own environment.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic', importSource: 'preact' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const project = (name, overrides = {}) => ({
  displayName: name,
  rootDir: `<rootDir>/${name}`,
  testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  testEnvironment: 'node',
  ...overrides,
});

const domProject = (name) =>
  project(name, {
    testEnvironment: 'jsdom',
    setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
    // Preact's package exports resolve to ESM under jsdom's "browser" condition; use its CJS build.
    testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
  });

module.exports = {
  rootDir: __dirname,
  // Integration tests start real servers and sockets; on a busy 2-core machine a server's start
  // alone can pass jest's 5 s default. A test that hangs still fails, later.
  testTimeout: 30_000,
  // A test that fails in its setup can leave its server open and keep jest alive for ever; the run
  // must end with its report all the same (CI would otherwise hang until its limit).
  forceExit: true,
  // Test servers' data and packed widgets go under one directory per run, removed at the end.
  globalSetup: '<rootDir>/jest.global-setup.cjs',
  globalTeardown: '<rootDir>/jest.global-teardown.cjs',
  projects: [
    project('shared'),
    project('server'),
    domProject('widget'),
    domProject('agent-console'),
    project('e2e', {
      setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
      // The server's test-support (its package's ./test-support/* export), mapped to the source as
      // e2e/tsconfig.json's paths do, so it resolves even where `pnpm install` has not linked it yet.
      moduleNameMapper: { '^@parley/server/test-support/(.*)$': '<rootDir>/../server/src/test-support/$1' },
    }),
  ],
  reporters: ['default', '<rootDir>/.ci/summary-reporter.cjs'],
};
