import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwksDto } from './dto/jwks.dto';
import { SigningKeysService } from './signing-keys.service';

@ApiTags('Login tokens')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'Public keys of login tokens (JWKS)',
    description:
      'Public, outside /api/v1. The Ed25519 keys that sign login tokens: verify a token offline against the key whose `kid` ' +
      'its header names. During a rotation the previous key stays listed until every token it signed has expired; a token ' +
      'naming an unknown kid is worth one refetch of this set (it may be cached for up to 5 minutes).',
  })
  @ApiOkResponse({ type: JwksDto })
  async jwks(): Promise<JwksDto> {
    return { keys: await this.keys.publishedKeys() };
  }
}
