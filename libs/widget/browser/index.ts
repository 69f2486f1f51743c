import { mountButton } from './button';
import { readConfig } from './config';
import { runSignIn } from './flow';
import { VerifyBody, WidgetConfig, WidgetError } from './types';

// Captured while the script runs: document.currentScript is null once execution has finished.
const script = document.currentScript as HTMLScriptElement | null;

const successHandlers: Array<(body: VerifyBody) => void> = [];
const errorHandlers: Array<(error: WidgetError) => void> = [];

/** Calls every handler; one that throws is reported to the console without stopping the others or the widget. */
function emit<T>(handlers: Array<(value: T) => void>, value: T): void {
  for (const handler of handlers) {
    try {
      handler(value);
    } catch (err) {
      setTimeout(() => {
        throw err;
      });
    }
  }
}

let config: WidgetConfig | null = null;
try {
  config = readConfig(script);
} catch (err) {
  console.error(`FaceAuth widget: ${(err as Error).message}`);
}

let active = false;
function open(): void {
  if (!config || active) return;
  active = true;
  runSignIn(
    config,
    { success: (body) => emit(successHandlers, body), error: (error) => emit(errorHandlers, error) },
    () => (active = false),
  );
}

(window as unknown as { FaceAuth: unknown }).FaceAuth = {
  onSuccess(fn: (body: VerifyBody) => void) {
    successHandlers.push(fn);
  },
  onError(fn: (error: WidgetError) => void) {
    errorHandlers.push(fn);
  },
  open,
};

if (config && script) mountButton(script, config.container, open);
