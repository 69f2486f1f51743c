import type { Request, Response } from 'express';

/** The flow cookie of a login in progress, and the site's own session cookie. */
export const FLOW_COOKIE = 'login_flow';
export const SESSION_COOKIE = 'site_session';

/** One cookie of the request (no cookie-parser needed for two cookies). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site POSTs), Secure behind HTTPS. */
export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeMs: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
