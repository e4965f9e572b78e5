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
  // Its check for a newer worker may go through the HTTP cache (the server marks it no-cache).
  navigator.serviceWorker.register('/sw.js', { updateViaCache: 'all' }).catch(() => {});
  // This page came before the worker: asked to keep it too (the first consultation opened).
  navigator.serviceWorker.ready.then((reg) => { if (!navigator.serviceWorker.controller && reg.active) reg.active.postMessage('guardar'); });

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
  // The offline page says it all itself, and lists the consultations kept here.
  const copy = main && main.hasAttribute('data-copia');
  const offlinePage = document.getElementById('consultas-guardadas');
  const banner = el('p', navigator.onLine && copy ? say.lenta : say.sinConexion, 'notice offline-banner');
  banner.setAttribute('role', 'status');
  const offline = () => {
    if (offlinePage) return;
    banner.textContent = navigator.onLine && copy ? say.lenta : say.sinConexion;
    if ((copy || !navigator.onLine) && main && !banner.isConnected) main.prepend(banner);
  };
  // Back online on a copy: it says so, with the way to the current page.
  const online = () => {
    if (!copy) return banner.remove();
    const current = el('a', say.verActual);
    current.href = location.pathname;
    banner.replaceChildren(say.volvio + ' ', current);
  };

  // A copy is of the plain consultation: the form is pointed where the address says (a
  // paragraph, a reply), and says so, as the page the server makes does.
  function target() {
    const form = copy && document.querySelector('#comentar form');
    if (!form) return;
    const q = new URLSearchParams(location.search);
    const set = (name, value) => { if (form.elements[name] && value !== null) form.elements[name].value = value; };
    set('parrafo', q.get('parrafo') || '');
    set('responde', q.get('responde') || '');
    set('paso', q.get('paso'));
    const about = [];
    const block = q.get('parrafo') && document.getElementById(q.get('parrafo'));
    if (block) about.push(el('p', say.sobreParrafo, 'meta'), el('blockquote', block.textContent.trim(), 'passage'));
    const replied = q.get('responde') && [...main.querySelectorAll('article.contribution')].find((a) => a.querySelector(`a[href*="responde=${CSS.escape(q.get('responde'))}&"]`));
    if (replied) about.push(el('p', `${say.responde} ${replied.id.replace('aporte-', '')}`, 'meta'));
    form.parentElement.querySelector('h2').after(...about);
  }

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
        forget.addEventListener('click', async () => {
          await drop(i.clave);
          status.textContent = say.quitado;
          await refresh();
          status.focus();
        });
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
    // Just kept by the worker (it brought the reader here): said where the eye is.
    const q = new URLSearchParams(location.search);
    if (q.get('pendiente')) {
      q.delete('pendiente');
      history.replaceState(null, '', location.pathname + (q.size ? '?' + q : '') + location.hash);
      status.textContent = say.guardado;
      status.focus();
    }
  }
  const refresh = async () => show(await mine());


  // Sends each pending contribution once: the server answers a key it has seen with where it led.
  async function send() {
    if (!navigator.onLine) return;
    const items = (await mine()).filter((i) => i.estado === 'pendiente');
    if (!items.length) return;
    const told = [];
    let signIn = null;
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
        signIn = el('a', say.ingresar);
        signIn.href = '/ingresar?siguiente=' + encodeURIComponent(location.pathname);
        break;
      } else {
        break;
      }
    }
    status.replaceChildren(told.join(' '), ...(signIn ? [' ', signIn] : []));
    await refresh();
    if (told.length && section) status.focus();
  }

  // Signing out empties this device (Clear-Site-Data): say what would be lost first.
  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (form.getAttribute('action') !== '/salir' || form.dataset.confirmado) return;
    e.preventDefault();
    const waiting = (await mine()).length;
    if (!waiting || confirm(waiting === 1 ? say.salirUno : say.salir.replace('{n}', waiting))) {
      form.dataset.confirmado = '1';
      form.requestSubmit();
    }
  });

  // The consultations kept on this device, by their titles, for the offline page.
  async function kept() {
    const name = (await caches.keys()).find((k) => k === 'pasos-' + who);
    const cache = name && (await caches.open(name));
    const list = offlinePage.querySelector('ul');
    for (const req of cache ? await cache.keys() : []) {
      const path = new URL(req.url).pathname;
      if (!/^\/rondas\/[^/]+$/.test(path)) continue;
      const page = new DOMParser().parseFromString(await (await cache.match(req)).text(), 'text/html');
      const link = el('a', page.querySelector('h1')?.textContent || path);
      link.href = path;
      const li = el('li');
      li.append(link);
      list.append(li);
    }
    offlinePage.querySelector('.hint').hidden = list.children.length > 0;
    offlinePage.hidden = false;
  }

  addEventListener('offline', offline);
  addEventListener('online', () => { online(); send(); });
  offline();
  target();
  if (offlinePage) kept().catch(() => {});
  refresh().then(send).catch(() => {});
})();
