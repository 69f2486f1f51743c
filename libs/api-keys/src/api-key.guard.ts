import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig } from '@faceauth/config';
import {
  AuthenticatedRequest,
  InvalidApiKeyError,
  MissingApiKeyError,
  parseMultipart,
  REQUIRES_API_KEY,
  UPLOAD_FIELDS,
} from '@faceauth/common';
import { ApiKeysService } from './api-keys.service';
import { extractApiKey } from './extract-api-key';

/**
 * Global guard for routes marked @ApiKeyAuth(). Multipart bodies are parsed here, not in an interceptor,
 * because guards run before interceptors and the key may be the multipart field `api_key`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(REQUIRES_API_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    let offered = extractApiKey(req);
    const uploadFields = this.reflector.get<string[] | undefined>(UPLOAD_FIELDS, context.getHandler());
    if (uploadFields) {
      // A header key is checked before reading a (possibly large) upload.
      if (offered) await this.authenticate(req, offered.key);
      await parseMultipart(req, context.switchToHttp().getResponse<Response>(), uploadFields, {
        maxFileBytes: this.config.uploads.maxFileBytes,
      });
      offered ??= extractApiKey(req);
    }
    if (!offered) throw new MissingApiKeyError();
    await this.authenticate(req, offered.key);
    return true;
  }

  private async authenticate(req: Request, key: string): Promise<void> {
    const auth = (req as AuthenticatedRequest).auth ?? (await this.apiKeys.authenticate(key));
    if (!auth) throw new InvalidApiKeyError();
    (req as AuthenticatedRequest).auth = auth;
    // The key never travels further than this guard (DTO validation, logs).
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>).api_key;
  }
}
