import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Origin {
  url: string;
  close(): Promise<void>;
}

/** Serves fixed bodies by path on 127.0.0.1 at an OS-chosen port: a second origin for the host page. */
export async function serveOrigin(files: Record<string, { type: string; body: string }>): Promise<Origin> {
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // Dropping kept-alive sockets too, so the next request to this origin is refused.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A host page that embeds the widget with the given data-* attributes, under hostile CSS that would break an
 * unscoped widget, and records what the widget reports (window.__results) and which globals it adds.
 * `slot` adds an element with class "login-slot" before the script, for data-container.
 */
export function hostPage(widgetUrl: string, data: Record<string, string>, { slot = false } = {}): string {
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${value.replace(/"/g, '&quot;')}"`)
    .join('');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Host shop</title><link rel="icon" href="data:,">
<style>
  button { display: none !important; }
  * { font-family: serif; color: #f0f; }
  div { transform: scale(0.2); }
</style></head>
<body>
<h1>Shop login</h1>
${slot ? '<section class="login-slot"></section>' : ''}
<script>window.__globalsBefore = Object.getOwnPropertyNames(window);</script>
<script src="${widgetUrl}"${attributes}></script>
<script>
  window.__addedGlobals = Object.getOwnPropertyNames(window)
    .filter((name) => !window.__globalsBefore.includes(name) && name !== '__globalsBefore');
  window.__results = [];
  FaceAuth.onSuccess((result) => window.__results.push({ type: 'success', result }));
  FaceAuth.onError((error) => window.__results.push({ type: 'error', error }));
  FaceAuth.onCancel(() => window.__results.push({ type: 'cancel' }));
</script>
<p>Footer</p>
</body></html>`;
}
