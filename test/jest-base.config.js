// Shared jest settings: path aliases of tsconfig.json and the @nestjs/swagger plugin (so DTO docs match the build).
const { join } = require('node:path');
const root = join(__dirname, '..');
// Every `@faceauth/<lib>` alias of tsconfig.json.
const { paths } = require('../tsconfig.json').compilerOptions;
const libs = Object.keys(paths).filter((alias) => !alias.endsWith('/*')).map((alias) => alias.slice('@faceauth/'.length));

module.exports = {
  rootDir: root,
  moduleFileExtensions: ['js', 'json', 'ts'],
  // Every suite may boot the real InferenceService: see test/support/onnx-environment.js.
  testEnvironment: '<rootDir>/test/support/onnx-environment.js',
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: Object.fromEntries(
    libs.flatMap((lib) => [
      [`^@faceauth/${lib}$`, `<rootDir>/libs/${lib}/src`],
      [`^@faceauth/${lib}/(.*)$`, `<rootDir>/libs/${lib}/src/$1`],
    ]),
  ),
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
