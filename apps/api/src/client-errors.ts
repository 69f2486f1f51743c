import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { envelope, ErrorCode, REQUEST_ID_HEADER } from '@faceauth/common';

const logger = new Logger('http');

/** Node's refusals before a request exists, by llhttp/Node error code: status, contract code, message. */
const REFUSALS: Record<string, [number, ErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'VALIDATION_ERROR', 'Request headers too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PAYLOAD_TOO_LARGE', 'Chunk extensions too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'VALIDATION_ERROR', 'The request was not received in time'],
  ERR_HTTP_HEADERS_TIMEOUT: [408, 'VALIDATION_ERROR', 'The request headers were not received in time'],
};
const MALFORMED: [number, ErrorCode, string] = [400, 'VALIDATION_ERROR', 'Malformed HTTP request'];

/**
 * Node answers requests it cannot parse (oversized headers, conflicting Content-Length and
 * Transfer-Encoding, a malformed request line) itself, with a bare status line. This answers them in the
 * contract envelope with an X-Request-Id, then closes the connection (its framing can no longer be trusted).
 * Call it on the HTTP server of every process: main.ts and the test app.
 */
export function installClientErrorHandler(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, code, message] = (error.code && REFUSALS[error.code]) || MALFORMED;
    const requestId = randomUUID();
    const body = JSON.stringify(envelope({ status, code, message, headers: {}, unexpected: false }, requestId));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `${REQUEST_ID_HEADER}: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
    logger.debug({ msg: 'malformed request refused', status, node_code: error.code ?? null, request_id: requestId });
  });
}
