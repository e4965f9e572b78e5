// Valid HTML on every page every role can reach: each role signs in and follows every link of
// Pasos (downloads aside), and the W3C Nu HTML Checker (vnu-jar, run with the machine's Java)
// reads every page. Zero errors: what Leptos writes for a hydration that reading pages never do
// is taken out on the server, and nothing else is excused.
import { test, expect, request as playwrightRequest } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, htmlErrors } from './helpers';

const ROLES = ['admin@pasos.demo', 'equipo@pasos.demo', 'directivo@pasos.demo', 'cusco@pasos.demo', 'ceplan@pasos.demo', 'mininter@pasos.demo', 'mimp@pasos.demo'];
const PER_ROLE = 90;
const DOWNLOAD = /\.(csv|xlsx|docx|md|zip)(\?|$)|^\/(expediente|seguimiento)\/archivos\//;

/// Pages only reached by a refused form or an odd address, which links never lead to.
const EXTRA = [
  '/ingresar?error=credenciales&correo=a%40b.pe',
  '/no-existe',
  '/politicas/pnmpeti/entregables/1?error=documento&documento=x&nota=y',
  '/admin/usuarios?error=email&id=&correo=x&nombre=y',
  '/politicas/pnmpeti/pasos/2/estructura?error=faltante&detalle=x',
];

test('every page of every role is valid HTML', async ({ baseURL }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'pasos-html-'));
  const files: string[] = [];
  for (const email of ROLES) {
    const context = await playwrightRequest.newContext({ baseURL });
    const signIn = await context.post('/ingresar', {
      form: { correo: email, contrasena: DEMO_PASSWORD, siguiente: '' },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(signIn.status(), email).toBe(303);
    const seen = new Set<string>();
    const queue = ['/', ...EXTRA];
    while (queue.length > 0 && seen.size < PER_ROLE) {
      const url = queue.shift()!;
      if (seen.has(url) || DOWNLOAD.test(url)) continue;
      seen.add(url);
      const reply = await context.get(url, { maxRedirects: 0 });
      if (!(reply.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      const html = await reply.text();
      const file = join(dir, `${files.length}.html`);
      writeFileSync(file, html);
      files.push(file);
      for (const [, href] of html.matchAll(/<a [^>]*href="(\/[^"#]*)/g)) {
        const link = href.replaceAll('&amp;', '&');
        if (!link.startsWith('//') && link !== '/salir' && !seen.has(link)) queue.push(link);
      }
    }
    await context.dispose();
  }
  expect(files.length).toBeGreaterThan(150);
  const errors = htmlErrors(files);
  console.log(`${files.length} páginas revisadas con el Nu HTML Checker: ${errors.length} errores`);
  expect(errors, errors.slice(0, 20).join('\n')).toEqual([]);
});
