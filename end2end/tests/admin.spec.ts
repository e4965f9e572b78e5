import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an administrator creates an account, hands over the temporary password, and the audit log shows it', async ({ page, browser }) => {
    await signIn(page, 'admin@pasos.demo');
    await page.getByRole('link', { name: 'Cuentas' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cuentas de usuario');

    const form = page.getByRole('region', { name: 'Crear cuenta' });
    await form.getByLabel('Correo electrónico').fill('puno@pasos.demo');
    await form.getByLabel('Nombre').fill('Participante de Puno');
    await form.getByLabel('Organización').fill('D/GRTPE Puno');
    await form.getByLabel('Participante regional').check();
    // Forgetting the region is answered with a message, and nothing typed is lost.
    await form.getByRole('button', { name: 'Crear cuenta' }).click();
    await expect(page.getByRole('alert')).toHaveText('Un participante regional necesita su región (ubigeo).');
    await expect(form.getByLabel('Nombre')).toHaveValue('Participante de Puno');
    await form.getByLabel('Región').selectOption({ label: 'Puno' });
    await form.getByRole('button', { name: 'Crear cuenta' }).click();

    await expect(page.getByRole('status').first()).toContainText('Cuenta creada para Participante de Puno');
    const password = (await page.locator('code.secret').textContent())?.trim() ?? '';
    expect(password).toHaveLength(16);
    await page.reload();
    await expect(page.locator('code.secret')).toHaveCount(0);

    const other = await browser.newContext({ javaScriptEnabled: false });
    const puno = await other.newPage();
    await puno.goto('/ingresar');
    await puno.getByLabel('Correo electrónico').fill('puno@pasos.demo');
    await puno.getByLabel('Contraseña').fill(password);
    await puno.getByRole('button', { name: 'Ingresar' }).click();
    await expect(puno.locator('.session-user')).toContainText('Participante de Puno');
    await other.close();

    await page.getByRole('link', { name: 'Registro de actividad' }).click();
    await page.getByLabel('Usuario').selectOption({ label: 'Administración (demo)' });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await expect(page.getByRole('cell', { name: /Crea la cuenta puno@pasos.demo/ })).toBeVisible();
  });
});

test('a participant cannot reach the administration', async ({ page }) => {
  await signIn(page, 'loreto@pasos.demo');
  await expect(page.getByRole('link', { name: 'Cuentas' })).toHaveCount(0);
  const res = await page.goto('/admin/usuarios');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sin permiso');
});
