import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// These journeys move PNMPETI's deliverables in the shared demo database: one at a time.
test.describe.configure({ mode: 'serial' });

/// Records a step of the review from a deliverable's page, as the team does.
async function record(page: Page, deliverable: string, action: string, document: string) {
  await page.goto(deliverable);
  const form = page.locator('form.review-form');
  await form.getByLabel(action).check();
  await form.getByLabel(/^Documento/).fill(document);
  await form.getByRole('button', { name: 'Registrar' }).click();
}

test('the team sends E2 of PNMPETI only once E1 is Conforme, and the dashboard shows it', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  const e1 = '/politicas/pnmpeti/entregables/1';
  const e2 = '/politicas/pnmpeti/entregables/2';

  await record(page, e2, 'Enviar a revisión interna (OGPP)', '');
  await expect(page.getByRole('status')).toHaveText('Registrado.');
  await expect(page.locator('h1 + p .badge')).toHaveText('En revisión interna (OGPP)');

  // E1 is still with CEPLAN: sending E2 is refused, and what was typed stays in the form.
  await record(page, e2, 'Remitir al CEPLAN', 'Oficio N° 101-2026-MTPE/2');
  await expect(page.getByRole('alert')).toContainText('cuando el entregable anterior esté Conforme');
  await expect(page.locator('form.review-form').getByLabel(/^Documento/)).toHaveValue('Oficio N° 101-2026-MTPE/2');

  // CEPLAN's conformity on E1 arrives; the team records it.
  await record(page, e1, 'Registrar conformidad del CEPLAN', 'Oficio N° 55-2026-CEPLAN/DNCP');
  await expect(page.getByRole('status')).toHaveText('Registrado.');
  await expect(page.locator('h1 + p .badge')).toHaveText('Conforme');

  // E2 needs a text to send: the team writes Paso 4, then sends the frozen version.
  await page.goto('/politicas/pnmpeti/pasos/4/editar');
  await page.getByLabel('Texto del paso').fill('## Alternativas de solución\n\n1. Fortalecer los CDRPETI.\n2. Ampliar el MIRTI.');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/guardado=1$/);
  await record(page, e2, 'Remitir al CEPLAN', 'Oficio N° 101-2026-MTPE/2');
  await expect(page.getByRole('status')).toHaveText('Registrado.');
  await expect(page.locator('h1 + p .badge')).toHaveText('Remitido al CEPLAN');
  await expect(page.locator('#revision')).toContainText(/Versión remitida: \d+/);

  await page.getByRole('link', { name: 'Tablero' }).click();
  const row = page.getByRole('row', { name: /PNMPETI/ });
  await expect(row.getByRole('cell').nth(0)).toContainText('Conforme');
  await expect(row.getByRole('cell').nth(1)).toContainText('Remitido al CEPLAN');
  const chart = page.getByRole('img', { name: /PNMPETI/ });
  await expect(chart.locator('rect.seg-conforme')).toHaveCount(1);
  await expect(chart.locator('rect.seg-remitido_ceplan title').last()).toContainText('Entregable 2: Remitido al CEPLAN');
});

test('CEPLAN reads the version sent to it and records its observations; the team annuls a mistake', async ({ page, browser }) => {
  await signIn(page, 'ceplan@pasos.demo');
  const e2 = '/politicas/pnmpeti/entregables/2';
  await page.goto(e2);
  await page.getByRole('link', { name: 'Documento' }).first().click();
  await expect(page.locator('article.document')).toContainText('Fortalecer los CDRPETI.');
  await record(page, e2, 'Registrar observaciones del CEPLAN', 'Informe N° 9-2026-CEPLAN/DNCP');
  await expect(page.locator('h1 + p .badge')).toHaveText('Observado por el CEPLAN');

  // The team recorded nothing wrong, but CEPLAN did: CEPLAN annuls its own record with a reason.
  await page.goto(e2);
  await page.locator('summary', { hasText: 'Anular este registro' }).click();
  await page.getByLabel('Motivo de la anulación').fill('El informe corresponde a otra política.');
  await page.getByRole('button', { name: 'Anular el registro' }).click();
  await expect(page.locator('h1 + p .badge')).toHaveText('Remitido al CEPLAN');
  await expect(page.locator('.timeline-item.annulled')).toContainText('El informe corresponde a otra política.');
  const other = await browser.newContext();
  const reader = await other.newPage();
  await signIn(reader, 'loreto@pasos.demo');
  await reader.goto(e2);
  await expect(reader.locator('form.review-form')).toHaveCount(0);
  await other.close();
});

test('the report text for PNMPETF, May–December 2023, is En curso and tells the June submission and July comments, in Word too', async ({ page }) => {
  await signIn(page, 'directivo@pasos.demo');
  await page.goto('/politicas/pnmpetf');
  await page.getByRole('link', { name: 'Texto para el informe de progreso' }).click();
  await page.getByLabel('Desde (mes)').fill('2023-05');
  await page.getByLabel('Hasta (mes)').fill('2023-12');
  await page.getByRole('button', { name: 'Generar' }).click();
  const report = page.locator('article.report');
  await expect(report.locator('li.chosen')).toContainText('En curso');
  await expect(report).toContainText('En el mes de junio de 2023 se remitió al CEPLAN el Entregable 1 (pasos 1 y 2) para su revisión y validación formal.');
  await expect(report).toContainText('En el mes de julio de 2023, el CEPLAN remitió sus comentarios y recomendaciones al Entregable 1 (pasos 1 y 2), para su análisis y consideración.');
  // The same text in a block that one click selects whole, for pasting without any script.
  const block = page.locator('pre.copy-block');
  await expect(block).toContainText('Situación: En curso');
  await block.click();
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toContain('Durante los meses de octubre a diciembre de 2023 se reformuló');
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar en Word (DOCX)' }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe('PNMPETF-informe-2023-05-2023-12.docx');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar en Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('PNMPETF-informe-2023-05-2023-12.md');
});
