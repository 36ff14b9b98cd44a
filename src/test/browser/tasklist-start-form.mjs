// A mayor requests a deploy with the Deploy Request Template in Tasklist, in headless Debian Chromium. Run by
// DeployRequestRestTest, which passes: BASE_URL, USER, PASSWORD, SERVICE, HOST, GASTOWN_REF, IMAGE, SCREENSHOTS,
// CHROMIUM. Prints the started deploy's confirmation; the test checks the instance in the engine.
import { env, launch, screenshots } from './chromium.mjs';

const shots = screenshots();

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  await page.goto(`${env('BASE_URL')}/camunda/app/tasklist/default/`);
  await page.locator('input[type="text"]').first().fill(env('USER'));
  await page.locator('input[type="password"]').fill(env('PASSWORD'));
  await page.locator('button[type="submit"]').click();
  await page.getByText('Start process').click();
  await page.getByText('Canary deploy', { exact: true }).click();
  await page.getByText('Deploy Request', { exact: true }).waitFor();

  const field = (label) => page.getByLabel(label, { exact: false }).first();
  await field('Title').fill('Canary deploy from Tasklist');
  await field('Assignee').fill('TerraNomadicCity/crew/Ptilopsis');
  await field('Service').fill(env('SERVICE'));
  await field('Gastown ref').fill(env('GASTOWN_REF'));
  await field('Image').fill(env('IMAGE'));
  await field('Canary host').fill(env('HOST'));
  await field('Rollback criteria').fill('health check fails after two retries');
  await page.screenshot({ path: `${shots}/tasklist-deploy-request.png`, fullPage: true });

  const start = page.getByRole('button', { name: 'Start', exact: true });
  await start.click();
  // Tasklist closes the dialog when the engine accepted the request; a refusal keeps it open with the message.
  try {
    await start.waitFor({ state: 'detached', timeout: 20000 });
  } finally {
    await page.screenshot({ path: `${shots}/tasklist-deploy-started.png` });
  }
  console.log('deploy request submitted from the Tasklist start form');
} finally {
  await browser.close();
}
