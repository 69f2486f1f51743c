module.exports = {
  ...require('./jest-base.config'),
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 120000,
};
