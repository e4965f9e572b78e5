// Pasos, for a signed-in reader on a poor link (loaded only for them): registers the service
// worker (/sw.js), says when the page is the copy kept on this device, lists the contributions
// written without a connection as "pendiente de envío" and sends them once the connection
// returns, each with its own key (the server takes it once), then says how each went. Its words
// come from the page (data-* of this script), written from Pasos' catalogue.
(() => {
  'use strict';
  const me = document.currentScript;
  const say = me.dataset;
  const who = say.cuenta;
  if (!('serviceWorker' in navigator) || !('indexedDB' in window) || !who) return;
  navigator.serviceWorker.register('/sw.js').catch(() => {});

  const db = () => new Promise((ok, ko) => {
    const open = indexedDB.open('pasos', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('pendientes', { keyPath: 'clave' });
    open.onsuccess = () => ok(open.result);
    open.onerror = () => ko(open.error);
  });
  const run = async (mode, work) => {
    const store = (await db()).transaction('pendientes', mode).objectStore('pendientes');
    return new Promise((ok, ko) => { const r = work(store); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  };
  const mine = async () => (await run('readonly', (s) => s.getAll())).filter((i) => i.cuenta === who);
  const put = (item) => run('readwrite', (s) => s.put(item));
  const drop = (key) => run('readwrite', (s) => s.delete(key));

  const main = document.getElementById('contenido');
  const round = (location.pathname.match(/^\/rondas\/([^/]+)$/) || [])[1];
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };

  // "You are reading the copy kept on this device": offline, or shown by the service worker
  // because the link was too slow (it marks the copy with data-copia).
  const copy = main && main.hasAttribute('data-copia');
  const banner = el('p', navigator.onLine && copy ? say.lenta : say.sinConexion, 'notice offline-banner');
  banner.setAttribute('role', 'status');
  const offline = () => { if ((copy || !navigator.onLine) && main && !banner.isConnected) main.prepend(banner); };
  const online = () => { if (!copy) banner.remove(); };

  // The list of this account's contributions not yet sent, and how those sent went.
  let section;
  const status = el('p', '', 'pending-status');
  status.setAttribute('role', 'status');
  status.setAttribute('tabindex', '-1');
  function show(items) {
    const here = items.filter((i) => !round || i.ronda === round);
    if (!main || (!here.length && !status.textContent)) { if (section) section.remove(); return; }
    if (!section) {
      section = el('section', '', 'card pending');
      section.id = 'pendientes';
      section.setAttribute('aria-labelledby', 'pendientes-titulo');
      const h = el('h2', say.titulo);
      h.id = 'pendientes-titulo';
      section.append(h, status, el('ul'));
    }
    const list = section.querySelector('ul');
    list.replaceChildren(...here.map((i) => {
      const li = el('li');
      const text = (i.campos.find(([k]) => k === 'texto') || [, ''])[1];
      const state = el('p', '', 'pending-state');
      if (i.estado === 'rechazado') {
        state.append(el('strong', say.rechazado + ' '), el('span', i.motivo + ' '));
        const back = el('a', say.verTexto);
        back.href = i.enlace;
        state.append(back, ' ');
        const forget = el('button', say.quitar, 'button button-secondary');
        forget.type = 'button';
        forget.addEventListener('click', async () => { await drop(i.clave); refresh(); });
        state.append(forget);
      } else {
        state.append(el('strong', say.pendiente));
      }
      li.append(state, el('blockquote', text));
      if (!round) {
        const go = el('a', say.irConsulta);
        go.href = `/rondas/${i.ronda}`;
        li.append(go);
      }
      return li;
    }));
    if (!section.isConnected) (main.querySelector('h1') || main.firstChild)?.after(section);
  }
  const refresh = async () => show(await mine());

  // Sends each pending contribution once: the server answers a key it has seen with where it led.
  async function send() {
    if (!navigator.onLine) return;
    const items = (await mine()).filter((i) => i.estado === 'pendiente');
    if (!items.length) return;
    const told = [];
    for (const item of items) {
      const body = new URLSearchParams(item.campos);
      body.set('clave', item.clave);
      let res;
      try {
        res = await fetch(item.accion, { method: 'POST', body, credentials: 'same-origin' });
      } catch {
        break; // Still no connection: next time.
      }
      const to = new URL(res.url);
      const number = to.searchParams.get('enviado');
      if (res.ok && number) {
        await drop(item.clave);
        told.push(say.enviado.replace('{n}', number));
      } else if (res.ok && to.searchParams.get('error')) {
        const closed = to.searchParams.get('error') === 'no_abierta';
        await put({ ...item, estado: 'rechazado', motivo: closed ? say.cerrada : say.otro, enlace: to.pathname + to.search + '#comentar' });
        told.push(say.rechazado + ' ' + (closed ? say.cerrada : say.otro));
      } else if (to.pathname === '/ingresar') {
        told.push(say.sesion);
        break;
      } else {
        break;
      }
    }
    status.textContent = told.join(' ');
    await refresh();
    if (told.length && section) status.focus();
  }

  // Signing out empties this device (Clear-Site-Data): say what would be lost first.
  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (form.getAttribute('action') !== '/salir' || form.dataset.confirmado) return;
    e.preventDefault();
    const waiting = (await mine()).length;
    if (!waiting || confirm(say.salir.replace('{n}', waiting))) {
      form.dataset.confirmado = '1';
      form.requestSubmit();
    }
  });

  addEventListener('offline', offline);
  addEventListener('online', () => { online(); send(); });
  offline();
  refresh().then(send).catch(() => {});
})();
