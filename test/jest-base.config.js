// Shared jest settings: path aliases of tsconfig.json and the @nestjs/swagger plugin (so DTO docs match the build).
const { join } = require('node:path');
const root = join(__dirname, '..');
const libs = ['common', 'config', 'database', 'accounts', 'api-keys', 'inference', 'enrollment', 'verification', 'usage', 'widget', 'health'];

module.exports = {
  rootDir: root,
  moduleFileExtensions: ['js', 'json', 'ts'],
  // Every suite may boot the real InferenceService: see test/support/onnx-environment.js.
  testEnvironment: '<rootDir>/test/support/onnx-environment.js',
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    ...Object.fromEntries(
      libs.flatMap((lib) => [
        [`^@faceauth/${lib}$`, `<rootDir>/libs/${lib}/src`],
        [`^@faceauth/${lib}/(.*)$`, `<rootDir>/libs/${lib}/src/$1`],
      ]),
    ),
    // Newer libs are reached through their barrel only.
    '^@faceauth/face-matching$': '<rootDir>/libs/face-matching/src',
  },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.json',
        diagnostics: { warnOnly: false },
        astTransformers: { before: ['<rootDir>/test/swagger-plugin-transformer.js'] },
      },
    ],
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/clients/'],
};
