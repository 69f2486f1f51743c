import { SiteUser } from './users';

export interface SiteConfig {
  port: number;
  /** Where this server reaches the FaceAuth API. */
  apiUrl: string;
  /** A secret key of the FaceAuth account: it stays on this server. */
  secretKey: string;
  /** Where browsers load the widget from (the API's /widget.js unless the API has another public address). */
  widgetUrl: string;
  users: SiteUser[];
}

/**
 * FACEAUTH_API_URL, FACEAUTH_SECRET_KEY (required), FACEAUTH_WIDGET_URL, PORT (4000) and EXAMPLE_USERS:
 * comma-separated `username` or `username:faceauth_user_id` (default `demo-user`, the /demo page's user id).
 */
export function readSiteConfig(env: NodeJS.ProcessEnv): SiteConfig {
  const apiUrl = env.FACEAUTH_API_URL?.replace(/\/+$/, '');
  const secretKey = env.FACEAUTH_SECRET_KEY?.trim();
  if (!apiUrl || !/^https?:\/\//.test(apiUrl)) throw new Error('FACEAUTH_API_URL must be the API base URL, e.g. http://localhost:3000');
  if (!secretKey || !secretKey.startsWith('fa_') || secretKey.startsWith('fa_pub_')) {
    throw new Error('FACEAUTH_SECRET_KEY must be a secret key (fa_..., not fa_pub_...): this server starts and confirms logins');
  }
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  return { port, apiUrl, secretKey, widgetUrl: env.FACEAUTH_WIDGET_URL ?? `${apiUrl}/widget.js`, users: parseUsers(env.EXAMPLE_USERS ?? 'demo-user') };
}

function parseUsers(list: string): SiteUser[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [username, faceauthUserId = username] = entry.split(':').map((part) => part.trim());
      return { username, faceauthUserId };
    });
}
