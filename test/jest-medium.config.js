// Medium tier: services and their repositories against a real database (a temp SQLite file, or PostgreSQL when
// TEST_DATABASE_URL is set); no HTTP, no models, no queue.
module.exports = {
  ...require('./jest-base.config'),
  testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
  testTimeout: 30000,
};
