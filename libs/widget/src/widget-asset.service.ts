import { projectRoot } from '@faceauth/config';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { widgetEtag } from './etag';

export interface WidgetAsset {
  body: string;
  etag: string;
}

interface WidgetBuilder {
  bundleWidget(): string;
  OUT_FILE: string;
}

/**
 * Holds widget.js in memory. A compiled API serves the file `npm run build` wrote (dist/widget/widget.js);
 * an API running from source (tests, ts-node) bundles libs/widget/browser itself so it never serves a stale build.
 */
@Injectable()
export class WidgetAssetService implements OnModuleInit {
  private readonly logger = new Logger(WidgetAssetService.name);
  private asset: WidgetAsset;

  onModuleInit(): void {
    const root = projectRoot();
    const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    const body = this.load(root);
    this.asset = { body, etag: widgetEtag(version, body) };
  }

  get widget(): WidgetAsset {
    return this.asset;
  }

  private load(root: string): string {
    const builderPath = join(root, 'scripts', 'build-widget.js');
    const builtFile = join(root, 'dist', 'widget', 'widget.js');
    const runningFromSource = __filename.endsWith('.ts');
    if (!runningFromSource && existsSync(builtFile)) return readFileSync(builtFile, 'utf8');
    try {
      const builder: WidgetBuilder = require(builderPath);
      if (!runningFromSource) this.logger.warn(`${builtFile} is missing: bundled the widget in memory`);
      return builder.bundleWidget();
    } catch (cause) {
      throw new Error(`Cannot load widget.js: run "npm run build:widget" (${(cause as Error).message})`, { cause });
    }
  }
}
