import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadConfig } from './load-config';

/** Provides the validated AppConfig everywhere; `overrides` lets tests change single values. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(overrides: Record<string, any> = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env, overrides) }],
      exports: [AppConfig],
    };
  }
}
