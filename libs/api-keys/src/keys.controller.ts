import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext, NotFoundError } from '@faceauth/common';
import { CreateKeyDto, CreateKeyResponseDto, KeyResponseDto, KeysListResponseDto, UpdateKeyDto } from './dto/keys.dto';
import { KeysService } from './keys.service';

/** A key id that is not a number names no key: 404, as an unknown one. */
const KEY_ID_PIPE = new ParseIntPipe({ exceptionFactory: () => new NotFoundError('No such key in this account') });
const KEY_ID = { name: 'id', type: 'integer', description: 'The key id from GET /keys', example: 12 };

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
  @ApiOperation({
    summary: "Rename a key or change a publishable key's allowed origins",
    description: 'Secret key only. An empty allowed_origins list lets the publishable key be used from any origin; origins apply to publishable keys only.',
  })
  @ApiParam(KEY_ID)
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'NOT_FOUND')
  update(@Auth() auth: AuthContext, @Param('id', KEY_ID_PIPE) id: number, @Body() dto: UpdateKeyDto): Promise<KeyResponseDto> {
    return this.keys.update(auth, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a key',
    description: "Revoked at once, on every server. The account's last active secret key cannot be revoked (409 LAST_SECRET_KEY): create its successor first.",
  })
  @ApiParam(KEY_ID)
  @ApiOkResponse({ type: KeyResponseDto })
  @ApiErrors('NOT_FOUND', 'LAST_SECRET_KEY')
  revoke(@Auth() auth: AuthContext, @Param('id', KEY_ID_PIPE) id: number): Promise<KeyResponseDto> {
    return this.keys.revoke(auth, id);
  }
}
