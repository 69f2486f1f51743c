import { Body, Controller, Get, Module, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyAuth, Auth, AuthContext, uploadedImages, UploadFields } from '@faceauth/common';

/** Test-only routes that exercise the key guard, uploads and the error filter. */
@Controller('probe')
class ProbeController {
  @Post('keyed')
  @ApiKeyAuth()
  keyed(@Auth() auth: AuthContext, @Body() body: Record<string, unknown>) {
    return { success: true, accountId: auth.accountId, keyId: auth.keyId, bodyKeys: Object.keys(body ?? {}) };
  }

  @Get('keyed')
  @ApiKeyAuth()
  keyedGet(@Auth() auth: AuthContext) {
    return { success: true, accountId: auth.accountId, maskedKey: auth.maskedKey };
  }

  @Post('upload')
  @ApiKeyAuth()
  @UploadFields('image')
  upload(@Auth() auth: AuthContext, @Req() req: Request) {
    const image = uploadedImages(req).image;
    return { success: true, accountId: auth.accountId, imageBytes: image?.bytes.length ?? null, bodyKeys: Object.keys(req.body ?? {}) };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: connection string postgres://user:pw@db');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
