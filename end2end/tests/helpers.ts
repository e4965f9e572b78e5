import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'pasos-demo';

/// Signs in through the form, as a person would.
export async function signIn(page: Page, email: string, next = '/') {
  await page.goto(next === '/' ? '/ingresar' : `/ingresar?siguiente=${encodeURIComponent(next)}`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
}
