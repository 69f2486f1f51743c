import type { Words } from './i18n';
import { modalStyles } from './styles';

export interface Modal {
  video: HTMLVideoElement;
  /** The instruction of the moment (read out by screen readers at once), with an arrow over the preview. */
  setPrompt(text: string, cue?: string): void;
  setStatus(text: string, tone?: 'ok' | 'err'): void;
  setCountdown(value: number | null): void;
  /** Enabled or disabled with a label (Start, Capture, Try again), or hidden once there is nothing left to do. */
  setAction(state: 'on' | 'off' | 'hidden', label?: string): void;
  remove(): void;
}

interface ModalOptions {
  title: string;
  words: Words;
  onAction(): void;
  onClose(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

/**
 * The camera dialog, in its own shadow root on <body> so a transformed or clipped ancestor of the button
 * cannot trap the fixed overlay. Keeps keyboard focus inside while open; Escape and the close button close it.
 */
export function openModal(handlers: ModalOptions): Modal {
  const w = handlers.words;
  const host = document.createElement('faceauth-modal');
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', {}, modalStyles);
  const backdrop = el('div', { class: 'backdrop' });
  const dialog = el('div', {
    class: 'dialog',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'fa-title',
    'aria-describedby': 'fa-status',
  });
  const title = el('h2', { id: 'fa-title' }, handlers.title);
  const close = el('button', { class: 'close', type: 'button', 'aria-label': w.close }, '×');
  const stage = el('div', { class: 'stage' });
  const video = el('video', { 'aria-label': w.preview, playsinline: '', autoplay: '' });
  video.muted = true;
  const oval = el('div', { class: 'oval', 'aria-hidden': 'true' });
  const count = el('div', { class: 'count', 'aria-hidden': 'true' });
  const prompt = el('p', { class: 'prompt', 'aria-live': 'assertive' });
  const status = el('p', { class: 'status', id: 'fa-status', role: 'status', 'aria-live': 'polite' });
  const actions = el('div', { class: 'actions' });
  const capture = el('button', { class: 'primary', type: 'button' }, w.start);
  capture.disabled = true;

  stage.append(video, oval, count);
  actions.append(capture);
  dialog.append(title, close, stage, prompt, status, actions);
  backdrop.append(dialog);
  root.append(style, backdrop);

  const previousFocus = document.activeElement as HTMLElement | null;
  const focusables = () => [close, capture].filter((button) => !button.disabled && !button.hidden);

  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      handlers.onClose();
    } else if (event.key === 'Tab') {
      const items = focusables();
      const index = items.indexOf(root.activeElement as HTMLButtonElement);
      const next = index + (event.shiftKey ? -1 : 1);
      event.preventDefault();
      items[(next + items.length) % items.length].focus();
    }
  });
  // Focus that leaves the dialog (a click on the host page behind a transparent gap, a script) is brought back.
  const keepFocus = (event: FocusEvent) => {
    if (event.target !== host) close.focus();
  };
  document.addEventListener('focusin', keepFocus);
  close.addEventListener('click', handlers.onClose);
  capture.addEventListener('click', handlers.onAction);

  document.body.append(host);
  close.focus();

  return {
    video,
    setPrompt(text, cue = '') {
      prompt.textContent = text;
      count.textContent = cue;
    },
    setStatus(text, tone) {
      status.textContent = text;
      status.className = tone ? `status ${tone}` : 'status';
    },
    setCountdown(value) {
      count.textContent = value === null ? '' : String(value);
    },
    setAction(state, label) {
      const hadFocus = root.activeElement === capture;
      if (label) capture.textContent = label;
      capture.disabled = state !== 'on';
      capture.hidden = state === 'hidden';
      if (state === 'on') capture.focus();
      else if (hadFocus) close.focus();
    },
    remove() {
      document.removeEventListener('focusin', keepFocus);
      host.remove();
      previousFocus?.focus();
    },
  };
}
