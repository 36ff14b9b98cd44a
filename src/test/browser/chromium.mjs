// What the browser tests share: their settings from the environment, Debian's Chromium launched headless, the
// screenshots directory, and the page's console errors (a page that blocked its own scripts or styles).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

export const screenshots = () => {
  const dir = env('SCREENSHOTS');
  mkdirSync(dir, { recursive: true });
  return dir;
};

export const launch = () => chromium.launch({
  executablePath: env('CHROMIUM'),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'],
});

/** A page that answers the history pages' HTTP Basic challenge as the auditor. */
export const auditorPage = async (browser) => {
  const context = await browser.newContext({
    httpCredentials: { username: env('AUDITOR'), password: env('PASSWORD') },
    viewport: { width: 1280, height: 900 },
  });
  return context.newPage();
};

/** Collects the page's console errors; the browser's own favicon request is no concern of the pages. */
export const consoleErrors = (page) => {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      errors.push(`${message.text()} ${message.location().url}`);
    }
  });
  return errors;
};
