import { Module } from '@nestjs/common';
import { WidgetAssetService } from './widget-asset.service';
import { WidgetController } from './widget.controller';

/** GET /widget.js and GET /demo. */
@Module({
  controllers: [WidgetController],
  providers: [WidgetAssetService],
})
export class WidgetModule {}
