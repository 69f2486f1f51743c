import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext } from '@faceauth/common';
import { UsageResponseDto } from './dto/usage-response.dto';
import { UsageReportService } from './report/usage-report.service';

const DESCRIPTION =
  'Not counted as a call. Monthly and total counts, success rate and the 30-day series come from daily aggregates; ' +
  'events are recorded asynchronously, so a call shows up a moment after its response.';

@ApiTags('Usage')
@Controller('usage')
export class UsageController {
  constructor(private readonly reports: UsageReportService) {}

  @Get()
  @ApiKeyAuth()
  @ApiOperation({ summary: "Usage of the caller's account", description: DESCRIPTION })
  @ApiOkResponse({ type: UsageResponseDto })
  usage(@Auth() auth: AuthContext): Promise<UsageResponseDto> {
    return this.reports.report(auth);
  }

  @Get(':api_key')
  @ApiKeyAuth()
  @ApiOperation({
    summary: 'Usage of one of your keys',
    description: `${DESCRIPTION} The path key must belong to the caller's own account (authenticate with it or another key of the account); any other key gives 404 NOT_FOUND, revealing nothing about it.`,
  })
  @ApiParam({ name: 'api_key', description: 'One of your API keys (fa_...)' })
  @ApiOkResponse({ type: UsageResponseDto })
  @ApiErrors('NOT_FOUND')
  usageOfKey(@Auth() auth: AuthContext, @Param('api_key') apiKey: string): Promise<UsageResponseDto> {
    return this.reports.reportForKey(auth, apiKey);
  }
}
