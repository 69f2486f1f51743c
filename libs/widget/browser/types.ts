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

/** A login session: started by the site's backend, or by the widget with a publishable key. */
export interface Session {
  session_id: string;
  client_secret: string;
  /** Known when the widget started the session; read from the token otherwise. */
  user_id?: string;
}

/** How FaceAuth.open() (or the button) says which login to run. */
export interface OpenOptions {
  /** `<session_id>:<client_secret>` of a session the site's backend started. */
  session?: string;
  /** Starts a session for this user with the publishable key of data-api-key. */
  userId?: string;
  nonce?: string;
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
}
