/** What onError receives: one of the widget's own codes or an API error code passed through. */
export interface WidgetError {
  code: string;
  message: string;
}

/** The body of a matching POST /api/v1/verify, handed to onSuccess unchanged. */
export type VerifyBody = Record<string, unknown> & { match: true };

/** Read once from the widget's own script tag. */
export interface WidgetConfig {
  apiKey: string;
  userId: string;
  /** Origin the script was loaded from: the API it talks to. */
  apiOrigin: string;
  /** Id or CSS selector of the element that receives the button; null places it after the script tag. */
  container: string | null;
}
