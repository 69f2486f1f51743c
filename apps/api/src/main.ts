import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '@faceauth/config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port } = app.get(AppConfig);
  await app.listen(port);
  new Logger('bootstrap').log({ msg: 'FaceAuth API listening', port, docs: `/docs` });
}

bootstrap().catch((error) => {
  // A bad configuration stops the boot with its message, not a stack trace.
  const message = error instanceof ConfigValidationError ? error.message : (error?.stack ?? String(error));
  process.stderr.write(`FaceAuth failed to start: ${message}\n`);
  process.exit(1);
});
