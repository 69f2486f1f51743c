import { CanActivate, Controller, HttpCode, Module, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiKeyAuth, NoFaceError, ValidationError } from '@faceauth/common';
import { Metered } from '@faceauth/usage';

/** Refuses every call: stands for a route guard that runs after the metering guard. */
class RefuseGuard implements CanActivate {
  canActivate(): boolean {
    throw new ValidationError('refused by a later guard');
  }
}

/** Counts how often each probe handler really ran, to prove refused calls are not processed. */
export const handled = { ok: 0, fail: 0, refused: 0 };

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

  @Post('refused')
  @ApiKeyAuth()
  @UseGuards(RefuseGuard)
  @Metered('match')
  refused(): never {
    handled.refused++;
    throw new Error('unreachable');
  }
}

@Module({ controllers: [MeteredProbeController] })
export class MeteredProbeModule {}
