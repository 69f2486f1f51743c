import express, { Express, Request, Response } from 'express';
import { clearCookie, FLOW_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies';
import { FaceAuthBackend } from './faceauth-backend';
import { refuseConfirmation } from './login-checks';
import { loginPage, mePage, signedOutPage } from './pages';
import { LoginFlow, newNonce, SessionStore, SiteSession } from './sessions';
import { SiteUser, UserTable } from './users';

export interface ExampleSiteOptions {
  apiUrl: string;
  secretKey: string;
  widgetUrl: string;
  users: SiteUser[];
  /** Where log lines go; never a key, client secret or token. */
  log?: (line: string) => void;
}

const FLOW_LIFETIME_MS = 10 * 60 * 1000;
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * A site that signs its users in with FaceAuth. POST routes take JSON only: a cross-site form cannot send it,
 * and a cross-site fetch of JSON needs a CORS preflight this site never grants.
 */
export function createExampleSite(options: ExampleSiteOptions): Express {
  const log = options.log ?? ((line: string) => console.log(line));
  const users = new UserTable(options.users);
  const faceauth = new FaceAuthBackend(options.apiUrl, options.secretKey);
  const flows = new SessionStore<LoginFlow>(FLOW_LIFETIME_MS);
  const sessions = new SessionStore<SiteSession>(SESSION_LIFETIME_MS);

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));

  const signedIn = (req: Request) => sessions.get(readCookie(req, SESSION_COOKIE));
  const refuse = (res: Response, status: number, error: string) => void res.status(status).json({ error });

  app.get('/', (req, res) => res.redirect(signedIn(req) ? '/me' : '/login'));
  app.get('/login', (_req, res) => void res.type('html').send(loginPage(options.widgetUrl)));

  /** Starts a FaceAuth login for the user typed in, with the nonce of this browser's flow cookie. */
  app.post('/login/start', async (req, res) => {
    const user = typeof req.body?.username === 'string' ? users.find(req.body.username) : undefined;
    if (!user) return refuse(res, 404, 'No account with that username.');
    let flowId = readCookie(req, FLOW_COOKIE);
    let flow = flows.get(flowId);
    if (!flow) {
      ({ id: flowId, record: flow } = flows.create({ nonce: newNonce() }));
      setCookie(req, res, FLOW_COOKIE, flowId, FLOW_LIFETIME_MS);
    }
    flow.username = user.username;
    const started = await faceauth.startLogin(user.faceauthUserId, flow.nonce);
    if (!started.ok) {
      log(`login start for ${user.username} refused by FaceAuth: ${started.status} ${started.code}`);
      return refuse(res, started.code === 'LOGIN_LOCKED' ? 429 : 502, 'Face sign-in is not available right now.');
    }
    res.json({ session: `${started.body.session_id}:${started.body.client_secret}` });
  });

  /** Signs the browser in only when FaceAuth confirms the token once, for the user and the nonce of this browser's flow. */
  app.post('/login/complete', async (req, res) => {
    const flowId = readCookie(req, FLOW_COOKIE);
    const flow = flows.get(flowId);
    const token = req.body?.token;
    if (!flow?.username || typeof token !== 'string') return refuse(res, 401, 'Start the sign-in again.');
    const user = users.find(flow.username)!;
    const confirmed = await faceauth.confirmLogin(token);
    const why = confirmed.ok ? refuseConfirmation(confirmed.body, { userId: user.faceauthUserId, nonce: flow.nonce }) : `FaceAuth answered ${confirmed.code}`;
    if (why) {
      log(`login of ${user.username} refused: ${why}`);
      return refuse(res, 401, 'Sign-in failed. Please try again.');
    }
    // The flow is spent; the signed-in session gets a new id (no fixation through the flow cookie).
    flows.delete(flowId);
    clearCookie(req, res, FLOW_COOKIE);
    const { id } = sessions.create({ username: user.username });
    setCookie(req, res, SESSION_COOKIE, id, SESSION_LIFETIME_MS);
    log(`login of ${user.username} accepted`);
    res.json({ username: user.username });
  });

  app.get('/me', (req, res) => {
    const session = signedIn(req);
    if (!session) return void res.status(401).type('html').send(signedOutPage());
    res.type('html').send(mePage(session.username));
  });

  app.post('/logout', (req, res) => {
    sessions.delete(readCookie(req, SESSION_COOKIE));
    clearCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/login');
  });

  return app;
}
