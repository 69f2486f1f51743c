import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext } from '@faceauth/common';
import { CreateKeyDto, CreateKeyResponseDto, KeyResponseDto, KeysListResponseDto, UpdateKeyDto } from './dto/keys.dto';
import { KeysService } from './keys.service';

const KEY_ID = { name: 'id', description: 'The key id from GET /keys', example: 12 };

@ApiTags('Keys')
@Controller('keys')
@ApiKeyAuth()
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Get()
  @ApiOperation({ summary: "List the account's keys", description: 'Secret key only. Keys are shown masked; revoked keys stay listed.' })
  @ApiOkResponse({ type: KeysListResponseDto })
  list(@Auth() auth: AuthContext): Promise<KeysListResponseDto> {
    return this.keys.list(auth);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a key', description: 'Secret key only. The full key is in the answer once: only its hash is stored.' })
  @ApiCreatedResponse({ type: CreateKeyResponseDto })
  @ApiErrors('VALIDATION_ERROR')
  create(@Auth() auth: AuthContext, @Body() dto: CreateKeyDto): Promise<CreateKeyResponseDto> {
    return this.keys.create(auth, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Rename a key or change a publishable key's allowed origins" })
  @ApiParam(KEY_ID)
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateKeyDto): Promise<KeyResponseDto> {
    return this.keys.update(auth, Number(id), dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a key',
    description: "Revoked at once, on every server. The account's last active secret key cannot be revoked (409 LAST_SECRET_KEY): create its successor first.",
  })
  @ApiParam(KEY_ID)
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiErrors('NOT_FOUND', 'LAST_SECRET_KEY')
  revoke(@Auth() auth: AuthContext, @Param('id') id: string): Promise<KeyResponseDto> {
    return this.keys.revoke(auth, Number(id));
  }
}
