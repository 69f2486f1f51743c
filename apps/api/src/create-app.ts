import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@faceauth/config';
import { createRootLogger, nestLogger } from '@faceauth/common';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

/** Builds the configured application without listening; `overrides` change configuration values. */
export async function createApp(overrides: Record<string, any> = {}, extraModules: Type[] = []): Promise<NestExpressApplication> {
  // The logger exists before the modules, so that every line of the boot (and of a failed boot) is JSON.
  const logger = createRootLogger(loadConfig(undefined, overrides).logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(overrides, extraModules), {
    bodyParser: false,
    logger: nestLogger(logger),
    // A module that fails to start rejects here (main.ts logs it as JSON and exits 1), instead of process.abort().
    abortOnError: false,
  });
  configureApp(app, logger);
  return app;
}
