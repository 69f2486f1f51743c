import { Controller, Get, Header, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEMO_PAGE_HTML } from './demo-page';
import { etagMatches } from './etag';
import { WidgetAssetService } from './widget-asset.service';

/** The embeddable login widget and its demo page, served outside /api/v1 and left out of the OpenAPI document. */
@ApiExcludeController()
@Controller()
export class WidgetController {
  constructor(private readonly assets: WidgetAssetService) {}

  @Get('widget.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  script(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) res: Response): string | undefined {
    const { body, etag } = this.assets.widget;
    res.setHeader('ETag', etag);
    if (!etagMatches(ifNoneMatch, etag)) return body;
    res.status(304);
    return undefined;
  }

  @Get('demo')
  @Header('Content-Type', 'text/html; charset=utf-8')
  demo(): string {
    return DEMO_PAGE_HTML;
  }
}
