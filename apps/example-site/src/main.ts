import { AddressInfo } from 'node:net';
import { createExampleSite } from './app';
import { readSiteConfig } from './config';

/** `npm run example`: the example site on PORT (4000), signing in through the FaceAuth API at FACEAUTH_API_URL. */
function main(): void {
  const config = readSiteConfig(process.env);
  const app = createExampleSite(config);
  const server = app.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    console.log(`example site: http://localhost:${port}/login (FaceAuth at ${config.apiUrl}; users: ${config.users.map((u) => u.username).join(', ')})`);
  });
}

try {
  main();
} catch (err) {
  console.error(`example site: ${(err as Error).message}`);
  process.exit(1);
}
