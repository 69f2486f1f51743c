import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@faceauth/config';
import { JsonLogger } from '@faceauth/common';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

/** Builds the configured application without listening; `overrides` change configuration values. */
export async function createApp(overrides: Record<string, any> = {}, extraModules: Type[] = []): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(overrides, extraModules), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(new JsonLogger(app.get(AppConfig).logLevel));
  configureApp(app);
  return app;
}
