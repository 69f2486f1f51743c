/**
 * GET /demo: register or paste the keys, enroll a face from the camera, sign in with the widget (publishable key),
 * then confirm the token as a site's backend would.
 * Same origin as the API, so it calls /api/v1 with relative URLs. Responses are shown with textContent only.
 */
export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FaceAuth demo</title>
<link rel="icon" href="data:,">
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 760px; margin: 24px auto; padding: 0 16px; color: #111; }
  section { border: 1px solid #ddd; border-radius: 10px; padding: 16px; margin: 16px 0; }
  h2 { margin-top: 0; font-size: 18px; }
  label { display: block; margin: 8px 0; }
  input[type=text], input[type=email] { width: 100%; padding: 6px; box-sizing: border-box; }
  button { padding: 6px 14px; margin: 4px 4px 4px 0; }
  video { width: 320px; max-width: 100%; background: #000; transform: scaleX(-1); border-radius: 8px; }
  #shots img { width: 96px; margin: 4px; border-radius: 6px; }
  pre { background: #f5f5f5; padding: 10px; overflow: auto; border-radius: 6px; min-height: 1.5em; }
</style>
</head>
<body>
<h1>FaceAuth demo</h1>

<section aria-labelledby="key-title">
  <h2 id="key-title">1. API keys</h2>
  <form id="register">
    <label>Email <input type="email" name="email" required></label>
    <label>Name <input type="text" name="name" required maxlength="100"></label>
    <button type="submit">Register</button>
  </form>
  <p>or paste your keys. The <strong>secret key</strong> belongs on your server: this page uses it only to enroll
  and to confirm tokens, standing in for your backend. The <strong>publishable key</strong> is the only one a web page may hold.</p>
  <label>Secret key <input type="text" id="secret-key" autocomplete="off" placeholder="fa_..."></label>
  <label>Publishable key <input type="text" id="publishable-key" autocomplete="off" placeholder="fa_pub_..."></label>
  <pre id="register-result" aria-live="polite"></pre>
</section>

<section aria-labelledby="enroll-title">
  <h2 id="enroll-title">2. Enroll your face</h2>
  <label>User id <input type="text" id="user-id" value="demo-user" maxlength="128"></label>
  <button type="button" id="guided-enroll">Enroll with the widget (guided: 3 photos)</button>
  <span>or take the photos yourself:</span>
  <button type="button" id="camera-start">Start camera</button>
  <button type="button" id="shot" disabled>Take photo (up to 3)</button>
  <button type="button" id="enroll" disabled>Enroll</button>
  <label><input type="checkbox" id="replace"> Replace the faces already enrolled under this id</label>
  <div><video id="preview" autoplay muted playsinline aria-label="Camera preview"></video></div>
  <div id="shots"></div>
  <pre id="enroll-result" aria-live="polite"></pre>
</section>

<section aria-labelledby="login-title">
  <h2 id="login-title">3. Sign in with the widget</h2>
  <p>Here the widget starts the login session itself with the publishable key. A real site starts it from its
  backend with the secret key and a nonce bound to the browser's session, and hands the widget only
  <code>data-session</code>: see "Integrating login" in the README and <code>npm run example</code>.</p>
  <button type="button" id="load-widget">Load the widget for this key and user id</button>
  <div id="widget-slot"></div>
  <pre id="login-result" aria-live="polite"></pre>
  <button type="button" id="confirm" disabled>Confirm the token (what your backend does)</button>
  <pre id="confirm-result" aria-live="polite"></pre>
</section>

<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const show = (id, value) => { $(id).textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2); };
  // Kept for this tab only, so a reload does not lose them.
  const remembered = (id) => {
    const input = $(id);
    input.value = sessionStorage.getItem('faceauth-demo-' + id) || '';
    input.addEventListener('change', () => sessionStorage.setItem('faceauth-demo-' + id, input.value.trim()));
    return { get: () => input.value.trim(), set: (value) => { input.value = value; sessionStorage.setItem('faceauth-demo-' + id, value); } };
  };
  const secretKey = remembered('secret-key');
  const publishableKey = remembered('publishable-key');

  async function call(path, init) {
    try {
      const response = await fetch('/api/v1/' + path, init);
      return await response.json();
    } catch (err) {
      return { success: false, error: { code: 'NETWORK', message: String(err) } };
    }
  }

  $('register').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = await call('register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), name: form.get('name') }),
    });
    if (body.api_key) secretKey.set(body.api_key);
    if (body.publishable_key) publishableKey.set(body.publishable_key);
    show('register-result', body);
  });

  let stream = null;
  const shots = [];
  const stopCamera = () => { if (stream) stream.getTracks().forEach((t) => t.stop()); stream = null; $('shot').disabled = true; };

  $('camera-start').addEventListener('click', async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
      // Photos can be taken once the first frame has arrived, not merely once the camera is granted.
      $('preview').addEventListener('loadeddata', () => { if (stream) $('shot').disabled = false; }, { once: true });
      $('preview').srcObject = stream;
    } catch (err) {
      show('enroll-result', 'Camera unavailable: ' + err.name);
    }
  });

  $('shot').addEventListener('click', () => {
    const video = $('preview');
    if (!video.videoWidth) return show('enroll-result', 'The camera has not sent a picture yet: try again in a moment.');
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    canvas.toBlob((blob) => {
      if (!blob) return show('enroll-result', 'The photo could not be taken: try again.');
      shots.push(blob);
      const img = document.createElement('img');
      img.alt = 'Photo ' + shots.length;
      img.src = URL.createObjectURL(blob);
      $('shots').append(img);
      $('enroll').disabled = false;
      if (shots.length === 3) stopCamera();
    }, 'image/jpeg', 0.92);
  });

  $('enroll').addEventListener('click', async () => {
    stopCamera();
    const form = new FormData();
    form.append('name', $('user-id').value.trim());
    shots.forEach((blob, i) => form.append(i === 0 ? 'image' : 'image' + i, blob, 'photo' + i + '.jpg'));
    if ($('replace').checked) form.append('replace', 'true');
    show('enroll-result', 'Enrolling…');
    show('enroll-result', await call('enroll', { method: 'POST', headers: { 'X-API-Key': secretKey.get() }, body: form }));
    shots.length = 0;
    $('shots').replaceChildren();
    $('enroll').disabled = true;
  });

  // What a site's backend does (POST /enroll-sessions with the secret key), then FaceAuth.enroll in the page.
  $('guided-enroll').addEventListener('click', async () => {
    show('enroll-result', 'Starting an enrollment session…');
    const started = await call('enroll-sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': secretKey.get() },
      body: JSON.stringify({ user_id: $('user-id').value.trim(), replace: $('replace').checked }),
    });
    if (!started.session_id) return show('enroll-result', started);
    const run = () =>
      FaceAuth.enroll({ session: started.session_id + ':' + started.client_secret }).then(
        (result) => show('enroll-result', { enrolled: result }),
        (error) => show('enroll-result', error),
      );
    if (window.FaceAuth) return run();
    const script = document.createElement('script');
    script.src = '/widget.js';
    script.onload = run;
    document.body.append(script);
  });

  let token = null;
  $('load-widget').addEventListener('click', () => {
    // A fresh script tag re-runs the widget with the current key and user id; it replaces the global FaceAuth.
    $('widget-slot').replaceChildren();
    const script = document.createElement('script');
    script.src = '/widget.js';
    script.dataset.apiKey = publishableKey.get();
    script.dataset.userId = $('user-id').value.trim();
    script.dataset.nonce = 'demo-' + Math.random().toString(36).slice(2);
    script.dataset.container = '#widget-slot';
    script.onload = () => {
      FaceAuth.onSuccess((result) => {
        token = result.token;
        $('confirm').disabled = false;
        show('login-result', result);
      });
      FaceAuth.onError((error) => show('login-result', error));
      FaceAuth.onCancel(() => show('login-result', 'Closed without signing in.'));
    };
    document.body.append(script);
  });

  $('confirm').addEventListener('click', async () => {
    $('confirm').disabled = true;
    show('confirm-result', await call('login-sessions/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': secretKey.get() },
      body: JSON.stringify({ token }),
    }));
  });
})();
</script>
</body>
</html>
`;
