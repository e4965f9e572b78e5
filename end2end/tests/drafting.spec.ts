import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn, zipEntry } from './helpers';

// These journeys write to the shared demo database: one at a time, each on its own step.
test.describe.configure({ mode: 'serial' });

/// Opens a step's editor and waits for the wasm, so that typing drives the live preview.
async function openEditor(page: Page, code: string, step: number) {
  await page.goto(`/politicas/${code}/pasos/${step}/editar`);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Editar');
}


test('the team edits Paso 1 of PNMPETF: live preview, text kept over a reload, save, history and diff', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/politicas/pnmpetf/pasos/1');
  await page.getByRole('link', { name: 'Editar' }).click();
  await page.waitForLoadState('networkidle');
  const text = page.getByLabel('Texto del paso');
  const original = await text.inputValue();
  expect(original).toContain('Marco normativo');

  await text.fill(`${original}\n\n## Hallazgos del taller\n\nLa **ENAHO** no mide el trabajo forzoso.`);
  const preview = page.getByRole('region', { name: 'Vista previa' });
  await expect(preview.getByRole('heading', { name: 'Hallazgos del taller' })).toBeVisible();
  await expect(preview.locator('strong', { hasText: 'ENAHO' })).toBeVisible();

  // A reload (or a lost connection) does not lose what was typed: the browser offers it back.
  await page.reload();
  await page.waitForLoadState('networkidle');
  await expect(text).toHaveValue(original);
  await page.getByRole('button', { name: 'Recuperar el texto' }).click();
  await expect(text).toHaveValue(/Hallazgos del taller/);

  await page.getByLabel('Resumen del cambio').fill('Añade los hallazgos del taller');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/\/politicas\/pnmpetf\/pasos\/1\?guardado=2$/);
  await expect(page.getByRole('status')).toHaveText('Cambios guardados: revisión 2.');
  await expect(page.getByRole('heading', { name: 'Hallazgos del taller' })).toBeVisible();
  await expect(page.locator('.facts')).toContainText('por Equipo DPPDFL (demo) (revisión 2)');

  await page.getByRole('link', { name: 'Historial' }).click();
  const row = page.getByRole('row', { name: /Añade los hallazgos del taller/ });
  await expect(row).toContainText('Equipo DPPDFL (demo)');
  await row.getByRole('link', { name: 'Cambios de la revisión 2' }).click();
  await expect(page.getByRole('heading', { name: 'Cambios entre las revisiones 1 → 2' })).toBeVisible();
  await expect(page.locator('.diff ins').filter({ hasText: 'Hallazgos del taller' })).toBeVisible();

  // Saved: the editor no longer offers the browser's copy.
  await openEditor(page, 'pnmpetf', 1);
  await expect(page.getByRole('button', { name: 'Recuperar el texto' })).toHaveCount(0);
});

test('two people saving the same step: the second sees a conflict, both texts survive, and merges', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signIn(first, 'equipo@pasos.demo');
  await signIn(second, 'equipo@pasos.demo');
  await openEditor(first, 'pnmpetf', 2);
  await openEditor(second, 'pnmpetf', 2);

  await first.getByLabel('Texto del paso').fill('Árbol de problemas: versión de Ana.');
  await first.getByRole('button', { name: 'Guardar' }).click();
  await expect(first).toHaveURL(/guardado=1$/);

  await second.getByLabel('Texto del paso').fill('Árbol de problemas: versión de Luis.');
  await second.getByRole('button', { name: 'Guardar' }).click();
  await expect(second.getByRole('heading', { name: 'Este paso cambió mientras usted lo editaba' })).toBeVisible();
  await expect(second.getByLabel('Texto del paso')).toHaveValue('Árbol de problemas: versión de Luis.');
  await second.locator('summary', { hasText: 'Texto completo de la revisión 1' }).click();
  await expect(second.locator('#texto-nuevo')).toHaveValue('Árbol de problemas: versión de Ana.');
  await expect(second.locator('.conflict .diff del')).toContainText('Ana.');
  await expect(second.locator('.conflict .diff ins')).toContainText('Luis.');

  await second.getByLabel('Texto del paso').fill('Árbol de problemas: versiones de Ana y de Luis.');
  await second.getByRole('button', { name: 'Guardar' }).click();
  await expect(second).toHaveURL(/guardado=2$/);
  await expect(second.locator('article.prose')).toHaveText('Árbol de problemas: versiones de Ana y de Luis.');
  await first.context().close();
  await second.context().close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same edit works: preview, a refused empty save, save', async ({ page }) => {
    await signIn(page, 'equipo@pasos.demo');
    await page.goto('/politicas/pnmpeti/pasos/1/editar');
    const text = page.getByLabel('Texto del paso');
    const original = await text.inputValue();
    const edited = `${original}\n\n- Aporte de la subcomisión del **CPETI**`;
    await text.fill(edited);
    await page.getByRole('button', { name: 'Vista previa' }).click();
    await expect(page.getByRole('region', { name: 'Vista previa' }).locator('strong', { hasText: 'CPETI' })).toBeVisible();
    await expect(text).toHaveValue(edited);

    await text.fill('   ');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('alert')).toContainText('El texto está vacío');

    await text.fill(edited);
    await page.getByRole('button', { name: 'Guardar' }).click();
    // PNMPETI's Paso 1 has no text in the demo (the report gives none): this is its first revision.
    await expect(page).toHaveURL(/\/politicas\/pnmpeti\/pasos\/1\?guardado=1$/);
    await expect(page.locator('article.prose strong', { hasText: 'CPETI' })).toBeVisible();
  });
});

test('a frozen version stays identical after later edits, and its DOCX opens', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await openEditor(page, 'pnmpetf', 3);
  await page.getByLabel('Texto del paso').fill('## Situación futura deseada\n\n1. Ninguna niña ni niño trabaja.\n2. Regiones con CDRPETI activo.');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/guardado=1$/);

  await page.goto('/politicas/pnmpetf/entregables/2');
  await page.getByLabel('Nota de la versión').fill('Versión validada en el taller regional');
  await page.getByRole('button', { name: 'Cerrar versión para remisión' }).click();
  await expect(page.getByRole('status')).toHaveText('Versión cerrada para remisión: 1.');
  await page.getByRole('row', { name: /Versión validada en el taller regional/ }).getByRole('link', { name: 'Documento' }).click();
  const frozen = await page.locator('article.document').innerText();
  expect(frozen).toContain('Ninguna niña ni niño trabaja.');

  await openEditor(page, 'pnmpetf', 3);
  await page.getByLabel('Texto del paso').fill('## Situación futura deseada\n\nTexto reformulado después del taller.');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/guardado=2$/);

  await page.goto('/politicas/pnmpetf/entregables/2/documento?version=1');
  expect(await page.locator('article.document').innerText()).toBe(frozen);
  await page.goto('/politicas/pnmpetf/entregables/2/documento');
  await expect(page.locator('article.document')).toContainText('Texto reformulado después del taller.');

  await page.goto('/politicas/pnmpetf/entregables/2/documento?version=1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar DOCX' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('PNMPETF-E2-v1.docx');
  const docx = readFileSync(await download.path());
  const xml = zipEntry(docx, 'word/document.xml');
  expect(xml).toContain('Paso 3. Determinación de la situación futura deseada');
  expect(xml).toContain('Ninguna niña ni niño trabaja.');
  expect(xml).toContain('<w:pStyle w:val="Heading3"'); // the text's ## under the step's heading 1
  expect(xml).toContain('<w:numPr>');
  expect(xml).not.toContain('reformulado');
  expect(zipEntry(docx, '[Content_Types].xml')).toContain('wordprocessingml.document.main+xml');
});

test('a manager or a regional participant cannot reach the editor nor save through the endpoint', async ({ page, baseURL }) => {
  for (const email of ['directivo@pasos.demo', 'cusco@pasos.demo']) {
    await page.context().clearCookies();
    await signIn(page, email);
    const response = await page.goto('/politicas/pnmpetf/pasos/1/editar');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sin permiso');
    const save = await page.request.post('/politicas/pnmpetf/pasos/1/editar', {
      form: { base: '9', texto: 'intruso', accion: 'guardar' },
      headers: { Origin: baseURL ?? '' },
      maxRedirects: 0,
    });
    expect(save.status()).toBe(403);
  }
});

// Last in this file (its journeys run one after another): the no-JavaScript edit above expects
// PNMPETI's Paso 1 to have no revision before it.
test('the team imports a Word document into E1 of PNMPETI, previews and saves it, freezes it, and Loreto comments on a table row', async ({ page, browser }) => {
  // The team's document: made from HTML by LibreOffice, as Word would save it.
  const dir = mkdtempSync(join(tmpdir(), 'pasos-docx-'));
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, 'fixtures/entregable1.html'], {
    env: { ...process.env, HOME: dir },
    stdio: 'ignore',
  });
  const docx = join(dir, 'entregable1.docx');

  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/politicas/pnmpeti/entregables/1');
  await page.getByRole('link', { name: 'Importar un documento de Word' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importar un documento de Word');
  await page.getByLabel('Documento de Word (.docx)').setInputFiles(docx);
  await page.getByRole('button', { name: 'Ver la vista previa' }).click();

  const preview = page.getByRole('region', { name: 'Vista previa de «entregable1.docx»' });
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('status')).toContainText('Todavía no se guardó nada');
  await expect(preview.getByRole('status')).toContainText('El texto anterior al primer título «Paso N»');
  const step1 = preview.getByRole('group', { name: 'Paso 1. Delimitación y enunciación del problema público' });
  await expect(step1.getByRole('columnheader', { name: 'Indicador' })).toBeVisible();
  await expect(step1.locator('th[colspan="2"]')).toHaveText('Meta al 2030');
  await expect(step1.locator('sup.nota-ref')).toHaveCount(2);
  await expect(preview.getByRole('group', { name: 'Paso 2. Estructuración del problema público' })).toContainText('trabajo peligroso');
  await page.getByRole('button', { name: 'Guardar como nuevas revisiones' }).click();

  await expect(page).toHaveURL(/\/politicas\/pnmpeti\/entregables\/1\?importados=1,2$/);
  await expect(page.getByRole('status').first()).toHaveText('Se guardaron como nuevas revisiones los pasos importados: 1, 2.');
  await page.getByLabel('Nota de la versión').fill('Versión importada de Word');
  await page.getByRole('button', { name: 'Cerrar versión para remisión' }).click();
  await expect(page.locator('[role="status"]').first()).toContainText('Versión cerrada para remisión');

  const form = page.locator('#nueva-ronda');
  await form.getByLabel('Tipo').selectOption({ label: 'Consulta regional' });
  await form.getByLabel('Título').fill('Consulta del documento importado');
  await form.getByLabel('Loreto', { exact: true }).check();
  await form.getByRole('button', { name: 'Abrirla' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consulta del documento importado');
  const round = new URL(page.url()).pathname;

  // Loreto comments on row 2 of the services table: the contribution quotes that row only.
  const loreto = await (await browser.newContext()).newPage();
  await signIn(loreto, 'loreto@pasos.demo');
  await loreto.goto(round);
  const table = loreto.locator('.block', { has: loreto.getByRole('columnheader', { name: 'Indicador' }) });
  await table.locator('summary', { hasText: 'Comentar una fila de la tabla' }).click();
  await table.getByRole('link', { name: /fila 2: «S2 Asistencia técnica/ }).click();
  await expect(loreto.getByRole('region', { name: 'Su aporte' })).toContainText('S2 Asistencia técnica a las regiones Gobiernos regionales MTPE Pertinencia Regiones asistidas');
  await loreto.getByRole('textbox', { name: 'Aporte', exact: true }).fill('Loreto: la asistencia técnica debe llegar a las provincias.');
  await loreto.getByRole('button', { name: 'Enviar aporte' }).click();
  await expect(loreto.getByRole('status')).toContainText('Aporte enviado: N° 1');
  const mine = loreto.locator('article', { hasText: 'Loreto: la asistencia técnica' });
  await expect(mine).toContainText('fila 2');
  await expect(mine.locator('blockquote')).toContainText('S2 Asistencia técnica');
  await expect(mine.locator('blockquote')).not.toContainText('S1 Inspección');
});
