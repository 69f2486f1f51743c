const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:480px;margin:40px auto;padding:0 16px}
label{display:block;margin:12px 0}input{display:block;width:100%;padding:8px;box-sizing:border-box}
button{padding:8px 16px}#message{color:#b3261e;min-height:1.5em}</style></head>
<body>${body}</body></html>`;

/**
 * The login page: the person types a username, this site's backend starts the FaceAuth session (POST /login/start),
 * the widget runs it, and the token goes back to the backend (POST /login/complete), which decides.
 */
export function loginPage(widgetUrl: string): string {
  return layout(
    'Sign in - Example site',
    `<h1>Example site</h1>
<form id="login">
  <label>Username <input id="username" name="username" autocomplete="username" required></label>
  <button type="submit">Sign in with your face</button>
</form>
<p id="message" role="alert"></p>
<script src="${escapeHtml(widgetUrl)}"></script>
<script>
(() => {
  const message = document.getElementById('message');
  const post = (path, body) =>
    fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (res) => ({ ok: res.ok, body: await res.json().catch(() => ({})) }));

  document.getElementById('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const started = await post('/login/start', { username: document.getElementById('username').value });
    if (!started.ok) return void (message.textContent = started.body.error || 'Could not start the sign-in.');
    FaceAuth.open({ session: started.body.session });
  });

  FaceAuth.onSuccess(async ({ token }) => {
    const done = await post('/login/complete', { token });
    if (done.ok) location.assign('/me');
    else message.textContent = done.body.error || 'Sign-in failed.';
  });
  FaceAuth.onError((error) => (message.textContent = error.message));
})();
</script>`,
  );
}

export function mePage(username: string): string {
  return layout(
    'Your account - Example site',
    `<h1>Example site</h1>
<p id="who">Signed in as <strong>${escapeHtml(username)}</strong>.</p>
<form method="post" action="/logout"><button type="submit">Sign out</button></form>`,
  );
}

export function signedOutPage(): string {
  return layout('Not signed in - Example site', `<h1>Example site</h1><p>You are not signed in. <a href="/login">Sign in</a></p>`);
}
