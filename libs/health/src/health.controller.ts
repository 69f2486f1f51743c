import { Controller, Get, Optional, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ModelsHealth, RedisHealth } from '@faceauth/common';
import { DatabaseHealth } from '@faceauth/database';
import { HealthDto } from './health.dto';

const startedAt = Date.now();

/** The probe routes, served outside /api/v1 (see UNPREFIXED_ROUTES of the app). */
export const PROBE_ROUTES = ['health/live', 'health/ready'];

interface Checks {
  database: Awaited<ReturnType<DatabaseHealth['check']>>;
  models: boolean;
  /** null when no Redis is configured. */
  redis: 'ok' | 'unreachable' | null;
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Optional() private readonly models?: ModelsHealth,
    @Optional() private readonly redis?: RedisHealth,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Service health',
    description: 'Public. Answers within 1 s; 503 when the models are not loaded, the database cannot be reached or written, or the configured Redis does not answer.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'status is "unhealthy"' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const checks = await this.checks();
    const healthy = isReady(checks);
    res.status(healthy ? 200 : 503);
    return {
      success: healthy,
      status: healthy ? 'healthy' : 'unhealthy',
      models_loaded: checks.models,
      database: checks.database,
      uptime: Math.floor((Date.now() - startedAt) / 1000),
    };
  }

  /** Liveness: the process is up and its event loop answers. Never looks at dependencies (a restart would not fix them). */
  @Get('live')
  @ApiExcludeEndpoint()
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** Readiness: database, models and (when configured) Redis usable; 503 while not, so a balancer sends no traffic. */
  @Get('ready')
  @ApiExcludeEndpoint()
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ready' | 'not_ready'; checks: Checks }> {
    const checks = await this.checks();
    const ready = isReady(checks);
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', checks };
  }

  private async checks(): Promise<Checks> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis ? this.redis.check() : Promise.resolve(null)]);
    return { database, models: this.models?.modelsLoaded ?? false, redis };
  }
}

function isReady(checks: Checks): boolean {
  return checks.database === 'ok' && checks.models && checks.redis !== 'unreachable';
}
