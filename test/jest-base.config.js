// Shared jest settings: path aliases of tsconfig.json and the @nestjs/swagger plugin (so DTO docs match the build).
const { join } = require('node:path');
const root = join(__dirname, '..');
// The path aliases of tsconfig.json, as they are: `@faceauth/<lib>`, each a lib's barrel (index.ts); no `@faceauth/<lib>/*`.
const { paths } = require('../tsconfig.json').compilerOptions;
const aliases = Object.entries(paths).map(([alias, [target]]) =>
  alias.endsWith('/*') ? [`^${alias.slice(0, -2)}/(.*)$`, `<rootDir>/${target.slice(0, -2)}/$1`] : [`^${alias}$`, `<rootDir>/${target}`],
);

module.exports = {
  rootDir: root,
  moduleFileExtensions: ['js', 'json', 'ts'],
  // Every suite may boot the real InferenceService: see test/support/onnx-environment.js.
  testEnvironment: '<rootDir>/test/support/onnx-environment.js',
  setupFiles: ['reflect-metadata'],
  // clients/typescript imports its own files as `./x.js` (what its ES module build needs): resolve them to the .ts.
  moduleNameMapper: { ...Object.fromEntries(aliases), '^(\\.{1,2}/.*)\\.js$': '$1' },
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
