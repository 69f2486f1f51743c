import type { Server, ServerResponse } from 'node:http';

/**
 * Tracks the requests of an HTTP server so that it can stop without dropping one: `drain` closes the listening
 * socket (new connections are refused), closes keep-alive connections as soon as they are idle, and waits for
 * every request already accepted, up to a grace period.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('request', (_req, res: ServerResponse) => {
      this.inFlight.add(res);
      if (this.draining) this.lastOnItsConnection(res);
      res.on('close', () => {
        this.inFlight.delete(res);
        if (this.draining) server.closeIdleConnections();
      });
    });
  }

  /** Requests accepted and not yet answered. */
  get active(): number {
    return this.inFlight.size;
  }

  /** Resolves once the server is closed, with the number of requests cut when the grace period ran out. */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.inFlight) this.lastOnItsConnection(res);
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
    const timedOut = await Promise.race([closed.then(() => false), expired]);
    clearTimeout(timer);
    if (!timedOut) return 0;
    const cut = this.inFlight.size;
    this.server.closeAllConnections();
    await closed;
    return cut;
  }

  /** The answer says `Connection: close`, so the client does not send another request on a closing server. */
  private lastOnItsConnection(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  }
}
