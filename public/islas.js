// Loads the wasm of a page with islands and hydrates each island (the editor's live preview and
// kept text). A file rather than an inline script, so that the Content-Security-Policy allows no
// inline script at all; adapted from Leptos 0.8's island loader (MIT). The page says where the
// bundle is in this script element's data attributes.
const me = document.querySelector('script[data-wasm]');
// Leptos reads its hydration data from these; Pasos' islands take everything as properties.
window.__RESOLVED_RESOURCES = [];
window.__SERIALIZED_ERRORS = [];
window.__INCOMPLETE_CHUNKS = [];
window.__PENDING_RESOURCES = [];
window.__RESOURCE_RESOLVERS = [];

const childrenCallbacks = [];

async function hydrateIsland(el, mod) {
  const islandFn = mod[el.dataset.component || ''];
  if (!islandFn) {
    console.warn(`No hay función wasm para la isla ${el.dataset.component}.`);
    return;
  }
  const callback = childrenCallbacks[childrenCallbacks.length - 1];
  if (callback) callback();
  await islandFn(el);
}

async function traverse(node, mod) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const tag = node.tagName.toLowerCase();
  if (tag === 'leptos-island') await hydrateIsland(node, mod);
  if (tag === 'leptos-children') childrenCallbacks.push(node.$$on_hydrate);
  for (const child of node.children) await traverse(child, mod);
  if (tag === 'leptos-children') childrenCallbacks.pop();
}

function idle(callback) {
  if ('requestIdleCallback' in window) window.requestIdleCallback(callback);
  else callback();
}

idle(async () => {
  const mod = await import(me.dataset.js);
  await mod.default({ module_or_path: me.dataset.wasm });
  mod.hydrate();
  await traverse(document.body, mod);
});
