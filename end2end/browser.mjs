// What the measuring scripts share (first-load.mjs, phone-screens.mjs): Debian's Chromium, started
// as the Playwright suite starts it, and signing in through the form as a person would.
import { chromium } from '@playwright/test';

/** Chromium from Debian (`CHROMIUM_PATH`), without the background traffic that would skew figures. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs `page` in at `base` as `email` (demo password) and waits to leave the sign-in page. */
export async function signIn(page, base, email) {
  await page.goto(base + '/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('pasos-demo');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/ingresar'));
}
