// Shadow-DOM styles. `all: initial !important` on :host stops the host page's inherited and author styles
// (an outer rule beats a :host rule unless the :host rule is !important).
const base = `:host{all:initial!important;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif!important}
*{box-sizing:border-box}
button{font:inherit;cursor:pointer;border-radius:8px;padding:10px 18px;border:1px solid transparent}
button:focus-visible{outline:3px solid #5b9dff;outline-offset:2px}
button:disabled{opacity:.5;cursor:default}
.primary{background:#1f5eff;color:#fff}
.primary:hover:not(:disabled){background:#1548cc}`;

export const buttonStyles = `${base}
:host{display:inline-block!important}`;

export const modalStyles = `${base}
:host{position:fixed!important;inset:0!important;z-index:2147483647!important;display:block!important}
.backdrop{position:absolute;inset:0;background:rgba(10,14,25,.6);display:flex;align-items:center;justify-content:center;padding:16px}
.dialog{position:relative;background:#fff;color:#111;border-radius:14px;padding:20px;width:100%;max-width:420px;box-shadow:0 12px 40px rgba(0,0,0,.35)}
h2{margin:0 0 12px;font-size:18px;font-weight:600}
.close{position:absolute;top:10px;right:10px;padding:4px 10px;background:transparent;color:#333;font-size:22px;line-height:1}
.stage{position:relative;background:#000;border-radius:10px;overflow:hidden;aspect-ratio:4/3}
video{width:100%;height:100%;object-fit:cover;transform:scaleX(-1);display:block}
.oval{position:absolute;left:22%;right:22%;top:8%;bottom:8%;border:3px solid rgba(255,255,255,.9);border-radius:50%;box-shadow:0 0 0 999px rgba(0,0,0,.35)}
.count{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;font-size:72px;font-weight:700;color:#fff;text-shadow:0 2px 8px #000}
.prompt{min-height:1.4em;margin:12px 0 0;font-size:17px;font-weight:600}
.status{min-height:1.4em;margin:8px 0 12px;color:#333}
.status.ok{color:#0a7a32}.status.err{color:#b3261e}
.actions{display:flex;justify-content:flex-end}`;
