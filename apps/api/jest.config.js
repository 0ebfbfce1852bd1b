const path = require('node:path');

// swc compiles TypeScript with decorator metadata, which NestJS and TypeORM rely on.
const transform = {
  '^.+\\.[tj]s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
    },
  ],
};
const moduleNameMapper = {
  '^@bdhv/contracts$': path.join(__dirname, '../../libs/contracts/src/index.ts'),
};

// A few dependencies ship ESM only; Jest's CommonJS runtime needs them compiled (Node itself loads them).
const transformIgnorePatterns = ['/node_modules/(?!(content-disposition|openid-client|oauth4webapi|jose)/)'];

module.exports = {
  // Integration set-up migrates a database and boots the app; on a busy machine that alone can pass
  // Jest's 5 s default. Timing is measured by bench/, never asserted through this limit.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  ],
};
