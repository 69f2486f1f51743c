import { INestApplication, Logger } from '@nestjs/common';
import { logFatal } from '@faceauth/common';
import { AppConfig, loadConfig, loadDotEnv } from '@faceauth/config';
import { bootFailureLines } from './boot-failure';
import { installClientErrorHandler } from './client-errors';
import { createApp } from './create-app';
import { HttpDrain } from './http-drain';

const logger = new Logger('bootstrap');

/**
 * On SIGTERM or SIGINT: stop accepting, let the requests already accepted finish (up to shutdownGraceMs), and
 * only then close the modules (inference workers, database, queue). Nest's own shutdown hooks close the modules
 * before the HTTP server, which tore the models down under requests still running. A second signal of the same
 * kind gets Node's default handling (immediate exit).
 */
function closeGracefully(app: INestApplication, drain: HttpDrain, graceMs: number): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down: draining requests', signal, in_flight: drain.active, grace_ms: graceMs });
    let code = 0;
    try {
      const cut = await drain.drain(graceMs);
      if (cut > 0) {
        logger.error({ msg: 'shutdown grace period ended before every request finished: requests cut', cut, grace_ms: graceMs });
        code = 1;
      }
      await app.close();
    } catch (error) {
      logger.error({ msg: 'shutdown failed', cause: error?.stack ?? String(error) });
      code = 1;
    }
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, stop);
}

async function bootstrap(): Promise<void> {
  const envFile = loadDotEnv();
  const app = await createApp();
  const config = app.get(AppConfig);
  const drain = new HttpDrain(app.getHttpServer());
  installClientErrorHandler(app.getHttpServer());
  closeGracefully(app, drain, config.shutdownGraceMs);
  await app.listen(config.port);
  logger.log({ msg: 'FaceAuth API listening', port: config.port, docs: `/docs`, env_file: envFile });
}

bootstrap().catch((error) => {
  // The configuration was valid if the error is the database's: read again only to name the URL.
  for (const line of bootFailureLines(error, () => loadConfig().databaseUrl)) logFatal(line);
  process.exit(1);
});
