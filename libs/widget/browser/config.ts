import { WidgetConfig } from './types';

/** Reads the data-* attributes of the script tag; throws with the attribute that is missing. */
export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  if (!script) throw new Error('load widget.js with a classic <script src> tag');
  const apiKey = script.getAttribute('data-api-key')?.trim();
  const userId = script.getAttribute('data-user-id')?.trim();
  if (!apiKey) throw new Error('the script tag needs data-api-key');
  if (!userId) throw new Error('the script tag needs data-user-id');
  return {
    apiKey,
    userId,
    apiOrigin: new URL(script.src || location.href).origin,
    container: script.getAttribute('data-container')?.trim() || null,
  };
}
