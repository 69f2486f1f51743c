import { Controller, Get, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ModelsHealth } from '@faceauth/common';
import { DatabaseHealth } from '@faceauth/database';
import { HealthDto } from './health.dto';

const startedAt = Date.now();

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Optional() private readonly models?: ModelsHealth,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Service health', description: 'Public. Answers within 1 s; 503 when the models are not loaded or the database cannot be reached or written.' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'status is "unhealthy"' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const database = await this.database.check();
    const modelsLoaded = this.models?.modelsLoaded ?? false;
    const healthy = database === 'ok' && modelsLoaded;
    res.status(healthy ? 200 : 503);
    return {
      success: healthy,
      status: healthy ? 'healthy' : 'unhealthy',
      models_loaded: modelsLoaded,
      database,
      uptime: Math.floor((Date.now() - startedAt) / 1000),
    };
  }
}
