import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiKeysService, AuthenticatedKey } from '@faceauth/api-keys';
import {
  ApiKeyRequirement,
  AuthenticatedRequest,
  AuthContext,
  ClientSecretAuthenticatorToken,
  deferredBodyError,
  ForbiddenError,
  InvalidApiKeyError,
  MissingApiKeyError,
  REQUIRES_API_KEY,
  REQUIRES_CLIENT_SECRET,
  setClientGoneSignal,
  setUploadedImages,
  UPLOAD_FIELDS,
} from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { InferenceService } from '@faceauth/inference';
import { CHARGED_ENDPOINT, CountedEndpoint, METERED_ENDPOINT, RATE_LIMITED, setCallCharge, UsageLimiter } from '@faceauth/usage';
import { bearerToken, keyFromHeaders, keyFromJsonBody } from './offered-key';
import { parseMultipart } from './multipart-upload';

/** What a route's decorators ask of the pipeline. */
interface RouteRules {
  apiKey?: ApiKeyRequirement;
  /** The authenticator of a client-secret route. */
  clientSecret?: ClientSecretAuthenticatorToken;
  uploads?: string[];
  metered?: CountedEndpoint;
  /** Counted only when the service takes the charge (@MeteredOnCharge). */
  charged?: CountedEndpoint;
  rateLimited: boolean;
}

/**
 * The one order every request goes through, after the request id middleware:
 *   1. authentication from headers (API key kind and scope, allowed origins; or a session's client secret)
 *   2. a place in the inference queue for upload routes (503 at once when full)
 *   3. rate limit and monthly quota of counted routes (from here on, the call counts); a @MeteredOnCharge()
 *      route gets a CallCharge instead, which its service takes when the request turns out to count
 *   4. upload parsing, only now; a key sent as the multipart field `api_key` runs steps 1-3 when it arrives
 *   5. a body error kept by the body parser (malformed JSON...), raised only for an authenticated caller
 * then Nest's validation pipe, the controller and its service.
 */
@Injectable()
export class RequestPipelineGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly inference: InferenceService,
    private readonly limiter: UsageLimiter,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await this.run(context);
    } catch (error) {
      // Refused before its body was read: close the connection after the answer rather than read the rest.
      const req = context.switchToHttp().getRequest<Request>();
      if (!req.complete) context.switchToHttp().getResponse<Response>().setHeader('Connection', 'close');
      throw error;
    }
  }

  private async run(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const rules = this.rulesOf(context);
    if (!rules.apiKey && !rules.clientSecret) {
      this.raiseBodyError(req);
      return true;
    }
    const headerKey = rules.clientSecret ? undefined : keyFromHeaders(req);
    if (rules.clientSecret) await this.admit(context, rules, () => this.clientSecretAuth(req, rules.clientSecret!));
    else if (headerKey !== undefined) await this.admit(context, rules, () => this.apiKeyAuth(req, rules.apiKey!, headerKey));
    const authenticated = rules.clientSecret !== undefined || headerKey !== undefined;

    if (rules.uploads && req.is('multipart/form-data')) {
      const parsed = await parseMultipart(req, {
        files: rules.uploads,
        maxFileBytes: this.config.uploads.maxFileBytes,
        authenticate: authenticated ? undefined : (key) => this.admit(context, rules, () => this.apiKeyAuth(req, rules.apiKey!, key)),
      });
      req.body = parsed.fields;
      setUploadedImages(req, parsed.files);
    } else if (!authenticated) {
      await this.admit(context, rules, () => this.apiKeyAuth(req, rules.apiKey!, keyFromJsonBody(req)));
    }
    this.raiseBodyError(req);
    // The key never travels further than this step (DTO validation, logs).
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>).api_key;
    return true;
  }

  /** Steps 1-3 for one caller. */
  private async admit(context: ExecutionContext, rules: RouteRules, authenticate: () => Promise<AuthContext>): Promise<void> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    req.auth = await authenticate();
    // A multipart key is checked while the parser goes on; if the body was refused meanwhile, the answer is
    // already written: take no place in the queue and no quota for a request that is over.
    if (res.writableEnded) return;
    if (rules.uploads) {
      const ticket = this.inference.admit();
      const clientGone = new AbortController();
      setClientGoneSignal(req, clientGone.signal);
      // The place is given back as soon as the answer is written; a close before that is a client hanging up.
      res.once('finish', () => ticket.release());
      res.once('close', () => {
        ticket.release();
        if (!res.writableFinished) clientGone.abort(new Error('the client closed the connection'));
      });
    }
    if (rules.metered) await this.limiter.take(context, rules.metered);
    else if (rules.rateLimited) await this.limiter.throttle(context);
    const charged = rules.charged;
    if (charged) setCallCharge(req, () => this.limiter.charge(context, charged));
  }

  private async apiKeyAuth(req: Request, requirement: ApiKeyRequirement, key: string | undefined): Promise<AuthContext> {
    if (key === undefined) throw new MissingApiKeyError();
    const found = await this.apiKeys.authenticate(key);
    if (!found) throw new InvalidApiKeyError();
    checkScope(found, requirement, req.header('origin'));
    return found.auth;
  }

  private clientSecretAuth(req: Request, authenticator: ClientSecretAuthenticatorToken): Promise<AuthContext> {
    return this.moduleRef.get(authenticator, { strict: false }).authenticate(req, bearerToken(req));
  }

  private raiseBodyError(req: Request): void {
    const error = deferredBodyError(req);
    if (error) throw error;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    const targets = [context.getHandler(), context.getClass()];
    return {
      apiKey: this.reflector.getAllAndOverride<ApiKeyRequirement | undefined>(REQUIRES_API_KEY, targets),
      clientSecret: this.reflector.getAllAndOverride<ClientSecretAuthenticatorToken | undefined>(REQUIRES_CLIENT_SECRET, targets),
      uploads: this.reflector.get<string[] | undefined>(UPLOAD_FIELDS, context.getHandler()),
      metered: this.reflector.get<CountedEndpoint | undefined>(METERED_ENDPOINT, context.getHandler()),
      charged: this.reflector.get<CountedEndpoint | undefined>(CHARGED_ENDPOINT, context.getHandler()),
      rateLimited: this.reflector.get<boolean | undefined>(RATE_LIMITED, context.getHandler()) ?? false,
    };
  }
}

/**
 * Publishable keys live in web pages: they may only start login sessions, and only from their allowed
 * origins. The Origin check is on the request itself (preflights carry no key).
 */
function checkScope(found: AuthenticatedKey, requirement: ApiKeyRequirement, origin: string | undefined): void {
  if (found.auth.keyKind !== 'publishable') return;
  if (!requirement.publishable) {
    throw new ForbiddenError('Publishable keys (fa_pub_...) may only start login sessions (POST /login-sessions); call this route from your server with a secret key', {
      key_kind: 'publishable',
    });
  }
  if (found.allowedOrigins && (!origin || !found.allowedOrigins.includes(origin))) {
    throw new ForbiddenError(origin ? `Origin ${origin} is not allowed for this publishable key` : 'This publishable key only accepts requests from its allowed origins (no Origin header was sent)', {
      origin: origin ?? null,
    });
  }
}
