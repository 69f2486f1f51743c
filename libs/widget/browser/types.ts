/** What onError receives: one of the widget's own codes or an API error code passed through. */
export interface WidgetError {
  code: string;
  /** Fit to show to the person: never a score, threshold or internal name. */
  message: string;
}

/** What onSuccess receives: the site's backend confirms the token (POST /login-sessions/confirm) or verifies it. */
export interface LoginResult {
  token: string;
  user_id: string;
  session_id: string;
}

export type Movement = 'turn_left' | 'turn_right' | 'look_up';

/** The server's active-liveness challenge: the movements to prompt, in order, and the frames each takes. */
export interface Challenge {
  steps: Array<{ movement: Movement; frames: number; window_ms: number }>;
  max_frames: number;
  issued_at: string;
}

export interface Liveness {
  mode: 'active' | 'off';
  challenge: Challenge | null;
  /** The challenge step to send next (a session resumed after a reload may have sent some). */
  next_step: number;
}

/** A login session: started by the site's backend, or by the widget with a publishable key. */
export interface Session {
  session_id: string;
  client_secret: string;
  /** Known when the widget started the session; read from the token otherwise. */
  user_id?: string;
  /** From the start answer, or GET .../challenge for a session the backend started. */
  liveness?: Liveness;
}

/** How FaceAuth.open() (or the button) says which login to run. */
export interface OpenOptions {
  /** `<session_id>:<client_secret>` of a session the site's backend started. */
  session?: string;
  /** Starts a session for this user with the publishable key of data-api-key. */
  userId?: string;
  nonce?: string;
}

/** What FaceAuth.enroll() resolves with once the server kept the three photos. */
export interface EnrollResult {
  user_id: string;
  session_id: string;
  samples: number;
}

/** Read once from the widget's own script tag. */
export interface WidgetConfig {
  /** A publishable key (fa_pub_...), or null when every login uses a backend-started session. */
  apiKey: string | null;
  /** What the button opens: the tag's data-session, or data-user-id and data-nonce. */
  defaults: OpenOptions;
  /** Origin the script was loaded from: the API it talks to. */
  apiOrigin: string;
  /** CSS selector of the element that receives the button; null places it after the script tag. */
  container: string | null;
  /** data-locale ("en", "fr"); else the browser's language. */
  locale?: string;
}
