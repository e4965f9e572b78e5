// Regional participants first, on a phone. Every page each role reaches, at 320 × 640 and at
// 390 × 844: no wider than the screen (WCAG 1.4.10) and no WCAG 2.1 A/AA violation that axe finds.
// Then, with JavaScript off, the journeys a participant and the team make on a phone.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { checkPage, DEMO_PASSWORD, signIn } from './helpers';

const ROLES = ['cusco@pasos.demo', 'equipo@pasos.demo', 'directivo@pasos.demo', 'ceplan@pasos.demo', 'admin@pasos.demo', 'mimp@pasos.demo'];
const SIZES = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
];
/// Pages per role: each kind of page once.
const PER_ROLE = 40;

/// The kind of page an address shows: its path with numbers and round ids left out (a step, a
/// deliverable or a round of each kind of page is checked once, whatever the query).
function kindOf(url: string): string {
  const parts = url.split(/[?#]/)[0].split('/');
  return parts.map((p, i) => (/^\d+$/.test(p) ? 'N' : parts[i - 1] === 'rondas' && p !== '' ? 'R' : p)).join('/');
}
const DOWNLOAD = /\.(csv|xlsx|docx|md|zip)(\?|$)|^\/(expediente|seguimiento)\/archivos\//;

/// The rounds this file opens, on Entregable 5 of PNMPETF, which no other journey touches.
const E5 = '/politicas/pnmpetf/entregables/5';

/// A moment `hours` from now as a `datetime-local` field holds it, in Lima's time.
function lima(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Lima', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/// A signed-in API context (forms posted as the pages post them).
async function api(playwright: any, baseURL: string, email: string): Promise<APIRequestContext> {
  const context: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const r = await context.post('/ingresar', { form: { correo: email, contrasena: DEMO_PASSWORD, siguiente: '' }, maxRedirects: 0 });
  expect(r.status(), email).toBe(303);
  return context;
}

/// The team writes Paso 8 of PNMPETF (once), freezes Entregable 5 and opens a regional round for
/// Cusco; returns the round's address.
async function openRound(team: APIRequestContext, title: string, hoursOpen = 14 * 24): Promise<string> {
  const page = await team.get('/politicas/pnmpetf/pasos/8/editar');
  const base = /name="base" value="(\d+)"/.exec(await page.text())?.[1] ?? '0';
  if (base === '0') {
    const text = 'Las regiones con mayor incidencia de trabajo forzoso contarán con un servicio de atención.\n\n'
      + '## Servicios\n\nEl servicio de inspección llegará a las zonas rurales de Cusco y Puno.\n\nLa meta al 2030 se fija con la línea de base de la encuesta piloto.';
    await team.post('/politicas/pnmpetf/pasos/8/editar', { form: { base: '0', texto: text, resumen: '', accion: 'guardar' }, maxRedirects: 0 });
  }
  await team.post(`${E5}/versiones`, { form: { nota: 'Versión para la consulta en teléfonos', guia: '' }, maxRedirects: 0 });
  const deliverable = await (await team.get(E5)).text();
  const version = /name="version_ronda"[^>]*>\s*<option value="(\d+)"/.exec(deliverable)?.[1];
  expect(version, 'a frozen version to consult').toBeTruthy();
  const r = await team.post(`${E5}/rondas`, {
    form: { tipo: 'consulta_regional', titulo: title, version_ronda: version!, pasos: '8', abre: lima(-1), cierra: lima(hoursOpen), regiones: '08' },
    maxRedirects: 0,
  });
  expect(r.status(), title).toBe(303);
  const location = r.headers()['location'];
  expect(location).toMatch(/^\/rondas\/[^?#]+$/);
  return location;
}

test.describe('every page on a phone', () => {
  test.beforeAll(async ({ playwright, baseURL }) => {
    // An open consultation for Cusco, so that its pages are among those checked.
    const team = await api(playwright, baseURL!, 'equipo@pasos.demo');
    await openRound(team, 'Consulta para revisar en teléfonos');
    await team.dispose();
  });

  for (const email of ROLES) {
    test(`${email}: no page is wider than the screen and axe finds nothing`, async ({ browser, baseURL }) => {
      test.setTimeout(300_000);
      let checked = 0;
      const kinds = new Set<string>();
      for (const size of SIZES) {
        const context = await browser.newContext({ viewport: size });
        const page = await context.newPage();
        await signIn(page, email);
        const seen = new Set<string>();
        const queue = ['/'];
        while (queue.length > 0 && seen.size < PER_ROLE) {
          const url = queue.shift()!;
          const kind = kindOf(url);
          if (seen.has(kind) || DOWNLOAD.test(url)) continue;
          seen.add(kind);
          kinds.add(kind);
          const res = await page.goto(url);
          if (!(res?.headers()['content-type'] ?? '').startsWith('text/html')) continue;
          await checkPage(page, `${email} ${url} at ${size.width} px`);
          checked++;
          const links = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
          for (const href of links) {
            const link = href.split('#')[0];
            if (link && link !== '/salir' && !seen.has(kindOf(link))) queue.push(link);
          }
        }
        await context.close();
      }
      console.log(`${email}: ${checked} páginas revisadas a 320 y 390 px: ${[...kinds].join(' ')}`);
      expect(checked).toBeGreaterThan(8);
    });
  }
});

test.describe('on a phone without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test('Cusco goes from signing in to a sent contribution in four actions', async ({ page, playwright, baseURL }) => {
    const team = await api(playwright, baseURL!, 'equipo@pasos.demo');
    const round = await openRound(team, 'Consulta de Cusco en cuatro pasos');
    await team.dispose();
    await page.goto('/ingresar');
    await page.getByLabel('Correo electrónico').fill('cusco@pasos.demo');
    await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
    // 1. Sign in: the home is Cusco's consultations, open ones first.
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sus consultas');
    const card = page.locator('.consultation', { hasText: 'Consulta de Cusco en cuatro pasos' });
    await expect(card).toContainText(/Quedan 1[34] días \(cierra el/);
    // 2. Straight into the text.
    await card.getByRole('link', { name: 'Leer y comentar' }).click();
    await expect(page).toHaveURL(new RegExp(`${round}#texto$`));
    // 3. A paragraph, named by its opening words (a heading has no link of its own).
    await expect(page.getByRole('link', { name: /Comentar este párrafo.*Servicios/ })).toHaveCount(0);
    await page.getByRole('link', { name: 'Comentar este párrafo: «El servicio de inspección llegará a las zonas…»' }).click();
    await expect(page.getByText('El servicio de inspección llegará a las zonas rurales de Cusco y Puno.').last()).toBeVisible();
    // 4. Write and send.
    await page.getByRole('textbox', { name: 'Aporte', exact: true }).fill('Incluir a los distritos de Quispicanchi.');
    await page.getByRole('button', { name: 'Enviar aporte' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Aporte enviado' });
    await expect(sent).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('a contribution written while the session expired comes back after signing in', async ({ page, context, playwright, baseURL }) => {
    const team = await api(playwright, baseURL!, 'equipo@pasos.demo');
    const round = await openRound(team, 'Consulta con sesión vencida');
    await team.dispose();
    await signIn(page, 'cusco@pasos.demo', round);
    await page.locator('.block').filter({ hasText: 'La meta al 2030' }).getByRole('link', { name: /Comentar este párrafo/ }).click();
    const text = 'Una hora de trabajo:\n\n- precisar la línea de base\n- citar la encuesta piloto de Cusco';
    await page.getByRole('textbox', { name: 'Aporte', exact: true }).fill(text);
    // The session ends meanwhile. To the server an expired session is one that ended: the browser
    // is given a session of Cusco's that has just been signed out elsewhere.
    const other = await api(playwright, baseURL!, 'cusco@pasos.demo');
    const ended = (await other.storageState()).cookies.find((c) => c.name === 'pasos_sesion')!;
    expect((await other.post('/salir', { maxRedirects: 0 })).status()).toBe(200);
    await other.dispose();
    await context.addCookies([{ ...ended, sameSite: 'Lax' }]);
    await page.getByRole('button', { name: 'Enviar aporte' }).click();
    await expect(page).toHaveURL(/\/ingresar\?siguiente=/);
    await expect(page.getByText('Lo que escribió está guardado')).toBeVisible();
    await page.getByLabel('Correo electrónico').fill('cusco@pasos.demo');
    await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page).toHaveURL(new RegExp(`${round}\\?.*retenido=`));
    await expect(page.getByRole('textbox', { name: 'Aporte', exact: true })).toHaveValue(text);
    await expect(page.getByRole('alert')).toContainText('Su sesión había vencido');
    await expect(page.getByRole('alert')).toBeInViewport();
    await page.getByRole('button', { name: 'Enviar aporte' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Aporte enviado' })).toBeInViewport();
  });

  test('a refused answer says why beside the field, in view', async ({ browser, page, playwright, baseURL }) => {
    const team = await api(playwright, baseURL!, 'equipo@pasos.demo');
    const round = await openRound(team, 'Consulta con respuesta rechazada');
    await team.dispose();
    const cusco = await api(playwright, baseURL!, 'cusco@pasos.demo');
    const sent = await cusco.post(`${round}/aportes`, { form: { paso: '8', texto: 'Un aporte largo.\n\n'.repeat(40) }, maxRedirects: 0 });
    expect(sent.status()).toBe(303);
    await cusco.dispose();
    await signIn(page, 'equipo@pasos.demo', round);
    const first = page.locator('#aporte-1');
    await first.getByLabel('No acogido', { exact: true }).check();
    await first.getByRole('button', { name: 'Guardar la respuesta' }).click();
    const message = page.locator('#aporte-1-mensaje');
    await expect(message).toBeInViewport();
    await expect(message).toHaveAttribute('role', 'alert');
    const field = page.locator('#aporte-1').getByLabel(/^Justificación/);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAttribute('aria-describedby', 'aporte-1-mensaje');
    await expect(page.locator('#aporte-1').getByLabel('No acogido', { exact: true })).toBeChecked();
  });

  test('systematizing a consultation asks for a confirmation that states the facts', async ({ page, playwright, baseURL }) => {
    const team = await api(playwright, baseURL!, 'equipo@pasos.demo');
    const round = await openRound(team, 'Consulta para sistematizar');
    expect((await team.post(`${round}/cerrar`, { form: { confirmar: '1' }, maxRedirects: 0 })).status()).toBe(303);
    await team.dispose();
    await signIn(page, 'equipo@pasos.demo', round);
    const form = page.locator('form', { has: page.getByRole('button', { name: /^Sistematizar/ }) });
    await expect(form).toContainText('0 aportes');
    const confirm = form.getByRole('checkbox');
    await expect(confirm).toHaveAttribute('required', '');
    // Unticked, the browser keeps the form (no script needed).
    await form.getByRole('button', { name: /^Sistematizar/ }).click();
    await expect(page).toHaveURL(new RegExp(`${round}$`));
    await expect(page.locator('.badge.round-cerrada').first()).toBeVisible();
    await confirm.check();
    await form.getByRole('button', { name: /^Sistematizar/ }).click();
    await expect(page.locator('#gestion-mensaje')).toBeInViewport();
    await expect(page.locator('.badge.round-sistematizada').first()).toBeVisible();
  });

  test('a notice about contribution 52 lands on it', async ({ page, playwright, baseURL }) => {
    test.setTimeout(120_000);
    const team = await api(playwright, baseURL!, 'equipo@pasos.demo');
    const round = await openRound(team, 'Consulta con muchos aportes');
    const cusco = await api(playwright, baseURL!, 'cusco@pasos.demo');
    for (let n = 1; n <= 55; n++) {
      const r = await cusco.post(`${round}/aportes`, { form: { paso: '8', texto: `Aporte número ${n}.` }, maxRedirects: 0 });
      expect(r.status()).toBe(303);
    }
    await cusco.dispose();
    const roundPage = await (await team.get(`${round}?pagina=2`)).text();
    const answer = /action="([^"]+\/respuesta)"/.exec(roundPage.slice(roundPage.indexOf('id="aporte-52"')))?.[1];
    expect(answer, 'the answer form of N° 52').toBeTruthy();
    expect((await team.post(answer!, { form: { estado: 'acogido', justificacion: '', revision: '' }, maxRedirects: 0 })).status()).toBe(303);
    expect((await team.post(`${round}/publicar`, { form: {}, maxRedirects: 0 })).status()).toBe(303);
    await team.dispose();

    await signIn(page, 'cusco@pasos.demo');
    await page.getByRole('link', { name: /Avisos/ }).click();
    await page.getByRole('link', { name: /N° 52/ }).first().click();
    await expect(page).toHaveURL(/#aporte-52$/);
    await expect(page.locator('#aporte-52')).toBeInViewport();
    await expect(page.locator('#aporte-52 .answer')).toContainText('Acogido');
  });
});
