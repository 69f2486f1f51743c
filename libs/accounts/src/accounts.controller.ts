import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@faceauth/common';
import { AccountsService } from './accounts.service';
import { RegisterDto, RegisterResponseDto } from './dto/register.dto';

@ApiTags('Accounts')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a developer account', description: 'Public. Returns the API key once: store it, only its hash is kept.' })
  @ApiCreatedResponse({ type: RegisterResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'EMAIL_EXISTS', 'PAYLOAD_TOO_LARGE')
  register(@Body() dto: RegisterDto): Promise<RegisterResponseDto> {
    return this.accounts.register(dto);
  }
}
