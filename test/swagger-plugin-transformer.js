// Applies the @nestjs/swagger CLI plugin under ts-jest, as `nest build` does (nest-cli.json).
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (tsCompiler) =>
    plugin.before({ classValidatorShim: true, introspectComments: true, dtoFileNameSuffix: ['.dto.ts'] }, tsCompiler.program),
};
