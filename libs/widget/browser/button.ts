import { buttonStyles } from './styles';

/** The "Sign in with your face" button in a shadow root: in the element `container` (a CSS selector) selects, else after the script tag. */
export function mountButton(script: HTMLScriptElement, container: string | null, label: string, onClick: () => void): void {
  const host = document.createElement('faceauth-button');
  // delegatesFocus: the modal gives focus back to the host when it closes, which lands on the button.
  const root = host.attachShadow({ mode: 'open', delegatesFocus: true });
  const style = document.createElement('style');
  style.textContent = buttonStyles;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'primary';
  button.textContent = label;
  button.addEventListener('click', onClick);
  root.append(style, button);

  const place = () => {
    const target = container && find(container);
    if (container && !target) console.error(`FaceAuth widget: data-container "${container}" matches no element; the button goes after the script tag`);
    if (target) target.append(host);
    else if (document.body.contains(script)) script.after(host);
    else document.body.append(host);
  };
  // A container further down the page, and <body> for a script in <head>, exist only once the document is parsed.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', place);
  else place();
}

/** The first element a selector matches; a bare id without "#" (the old form) is still accepted. */
function find(selector: string): Element | null {
  try {
    return document.querySelector(selector) ?? document.getElementById(selector);
  } catch {
    // Not a valid selector (e.g. an id starting with a digit): try it as an id.
    return document.getElementById(selector);
  }
}
