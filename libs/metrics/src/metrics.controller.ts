import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { InvalidTokenError, NotFoundError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { MetricsService } from './metrics.service';

/** Outside /api/v1 (UNPREFIXED_ROUTES), and outside the OpenAPI document: it is for the operator's Prometheus. */
export const METRICS_ROUTE = 'metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics: off (404 NOT_FOUND, as an unknown route) unless METRICS_TOKEN is set; then only with
 * `Authorization: Bearer <METRICS_TOKEN>` (else 401 INVALID_TOKEN).
 */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get(METRICS_ROUTE)
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (!token) throw new NotFoundError('Route not found');
    const offered = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
    // Compared as digests: equal length, constant time.
    if (!offered || !timingSafeEqual(digest(offered), digest(token))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new InvalidTokenError(false, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.render());
  }
}
