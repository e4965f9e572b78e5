// Phone screenshots of the pages a regional participant and a manager see first, at 390 × 844 in
// Chromium, against a running Pasos on the demo data: Cusco's home, the consultation opened for
// Cusco, and the dashboard (directivo). The team opens the consultation first, through the forms.
//   node phone-screens.mjs http://127.0.0.1:3977 out/
import { launch, signIn } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launch();

/** A page at phone size, signed in as `email`. */
async function phone(email) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'es-PE', timezoneId: 'America/Lima' });
  const page = await context.newPage();
  await signIn(page, base, email);
  return page;
}

/** A moment `hours` from now as a `datetime-local` field holds it, in Lima. */
function lima(hours) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(Date.now() + hours * 3_600_000));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

// The team writes Paso 3 of PNMPETI, freezes Entregable 2 and opens a consultation for Cusco.
const team = await phone('equipo@pasos.demo');
const post = (path, form) => team.request.post(base + path, { form, headers: { Origin: base }, maxRedirects: 0 });
const text = 'Al 2030, ninguna niña ni niño realiza trabajo infantil peligroso en las regiones con mayor incidencia.\n\n'
  + 'Las regiones cuentan con un CDRPETI activo, con presupuesto y con un plan de trabajo aprobado. Ver https://www.gob.pe/mtpe para el detalle de los servicios.';
await post('/politicas/pnmpeti/pasos/3/editar', { base: '0', texto: text, resumen: '', accion: 'guardar' });
await post('/politicas/pnmpeti/entregables/2/versiones', { nota: 'Versión para la consulta regional', guia: '' });
const deliverable = await (await team.request.get(base + '/politicas/pnmpeti/entregables/2')).text();
const version = /name="version_ronda"[^>]*>\s*<option value="(\d+)"/.exec(deliverable)?.[1] ?? '1';
const opened = await post('/politicas/pnmpeti/entregables/2/rondas', {
  tipo: 'consulta_regional', titulo: 'Consulta regional: Entregable 2', version_ronda: version, pasos: '3', abre: lima(-1), cierra: lima(14 * 24), regiones: '08',
});
const round = opened.headers()['location'];

const shots = [
  ['inicio-participante', 'cusco@pasos.demo', '/'],
  ['consulta', 'cusco@pasos.demo', round],
  ['tablero', 'directivo@pasos.demo', '/tablero'],
];
for (const [name, email, path] of shots) {
  const page = await phone(email);
  await page.goto(base + path);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`${name}: ${path} · ${width} px de ancho en una pantalla de 390 px`);
  await page.context().close();
}
await browser.close();
