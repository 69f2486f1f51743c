import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { ApiKeyAuth, NoFaceError } from '@faceauth/common';
import { Metered } from '@faceauth/usage';

/** A body the probe validates after the limits, as the face routes do. */
class ProbeBodyDto {
  @IsString() required: string;
}

/** Counts how often each probe handler really ran, to prove refused calls are not processed. */
export const handled = { ok: 0, fail: 0, validated: 0 };

/** Test-only counted routes, so the limits are tested without running the face models. */
@ApiExcludeController()
@Controller('probe-metered')
class MeteredProbeController {
  @Post('ok')
  @HttpCode(200)
  @ApiKeyAuth()
  @Metered('verify')
  ok(): { success: true } {
    handled.ok++;
    return { success: true };
  }

  @Post('fail')
  @ApiKeyAuth()
  @Metered('enroll')
  fail(): never {
    handled.fail++;
    throw new NoFaceError();
  }

  @Post('validated')
  @HttpCode(200)
  @ApiKeyAuth()
  @Metered('match')
  validated(@Body() _body: ProbeBodyDto): { success: true } {
    handled.validated++;
    return { success: true };
  }
}

@Module({ controllers: [MeteredProbeController] })
export class MeteredProbeModule {}
