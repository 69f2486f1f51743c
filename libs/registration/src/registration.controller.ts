import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@faceauth/common';
import { RegisterDto, RegisterResponseDto } from './dto/register.dto';
import { RegistrationGuard } from './registration.guard';
import { RegistrationService } from './registration.service';

@ApiTags('Accounts')
@Controller()
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  @Post('register')
  @HttpCode(201)
  @UseGuards(RegistrationGuard)
  @ApiOperation({
    summary: 'Register a developer account',
    description: 'Public. Returns the API key once: store it, only its hash is kept. Limited per client address (default 5 per hour); the operator may close registration.',
  })
  @ApiCreatedResponse({ type: RegisterResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'EMAIL_EXISTS', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMIT', 'FORBIDDEN', 'SERVICE_UNAVAILABLE')
  register(@Body() dto: RegisterDto): Promise<RegisterResponseDto> {
    return this.registration.register(dto);
  }
}
