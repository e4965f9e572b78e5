import { chromium, expect, test } from '@playwright/test';
import { person, signIn } from './helpers';

// A repeat visit on a slow link: the stylesheet, scripts and icon are linked by their fingerprints
// and kept by the browser for good, so a second visit takes them from its disk without asking; the
// page itself is asked for again and, unchanged, answered 304 without a body (only to the session
// it was written for).

test('a repeat visit takes the assets from the browser cache, and an unchanged page is answered 304', async ({ page }) => {
  await signIn(page, 'directivo@pasos.demo');
  // What crossed the network for each address (0: taken from the browser's memory or disk cache).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const seen: { url: string; bytes: number }[] = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, new URL(e.response.url).pathname + new URL(e.response.url).search));
  cdp.on('Network.loadingFinished', (e) => seen.push({ url: urls.get(e.requestId) ?? '', bytes: e.encodedDataLength }));

  await page.goto('/tablero');
  const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  expect(stylesheet).toMatch(/^\/pkg\/pasos\.css\?v=[0-9a-f]{16}$/);
  const script = await page.locator('script[src^="/sin-conexion.js"]').getAttribute('src');
  expect(script).toMatch(/^\/sin-conexion\.js\?v=[0-9a-f]{16}$/);
  await page.waitForLoadState('networkidle');

  seen.length = 0;
  await page.goto('/tablero');
  await page.waitForLoadState('networkidle');
  for (const asset of [stylesheet!, script!]) {
    const answers = seen.filter((s) => s.url === asset);
    expect(answers.length, asset).toBeGreaterThan(0);
    expect(answers.every((s) => s.bytes === 0), `${asset} taken from the browser's cache`).toBe(true);
  }

  // The fingerprinted address is kept a year; the bare one is asked for each time.
  const kept = await page.request.get(stylesheet!);
  expect(kept.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await page.request.get('/pkg/pasos.css')).headers()['cache-control']).toBe('no-cache');

  // The page: its tag, then 304 with that tag; another tag gets the page.
  const first = await page.request.get('/tablero');
  const tag = first.headers()['etag'];
  expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/);
  expect(first.headers()['cache-control']).toBe('private, no-cache');
  const again = await page.request.get('/tablero', { headers: { 'If-None-Match': tag } });
  expect(again.status()).toBe(304);
  expect((await again.body()).length).toBe(0);
  expect((await page.request.get('/tablero', { headers: { 'If-None-Match': 'W/"0"' } })).status()).toBe(200);
});

test("another person's tag never confirms a page", async ({ page, browser }) => {
  await signIn(page, 'directivo@pasos.demo');
  const tag = (await page.request.get('/tablero')).headers()['etag'];
  const other = await person(browser, 'ceplan@pasos.demo');
  const theirs = await other.request.get('/tablero', { headers: { 'If-None-Match': tag } });
  expect(theirs.status()).toBe(200);
  expect(theirs.headers()['etag']).not.toBe(tag);
  await other.context().close();
});

test('after signing out, Back brings up no page of the account, even from the back-forward cache', async ({ baseURL }) => {
  // Playwright turns the back-forward cache off; a person's Chrome has it on.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ baseURL, javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, 'cusco@pasos.demo');
    await page.goto('/rondas');
    await expect(page.getByText('Participante de Cusco')).toBeVisible();
    await page.getByRole('button', { name: 'Salir' }).click();
    await expect(page.getByText('Cerró su sesión.')).toBeVisible();
    await page.goBack();
    await expect(page.getByLabel('Correo electrónico')).toBeVisible();
    await expect(page.getByText('Participante de Cusco')).toHaveCount(0);
    // Another account signing in on this browser: Back does not reach Cusco's pages either.
    await signIn(page, 'cusco@pasos.demo');
    await page.goto('/rondas');
    await expect(page.getByText('Participante de Cusco')).toBeVisible();
    await page.goto('/ingresar');
    await page.getByLabel('Correo electrónico').fill('loreto@pasos.demo');
    await page.getByLabel('Contraseña').fill('pasos-demo');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByText('Participante de Loreto')).toBeVisible();
    await page.goBack();
    await page.goBack();
    await expect(page.getByText('Participante de Cusco')).toHaveCount(0);
    await context.close();
  }
  await browser.close();
});
