// Opens deploy pages in headless Debian Chromium as an auditor and reads what the diagram marks. Run by
// DeployDiagramBrowserTest, which passes BASE_URL, AUDITOR, PASSWORD, DEPLOY_IDS (comma-separated), SCREENSHOTS,
// CHROMIUM. Prints one line per deploy: DIAGRAM <id> {"ran":[...],"taken":[...],"waiting":[...]}.
import { auditorPage, consoleErrors, env, launch, screenshots } from './chromium.mjs';

const shots = screenshots();

const browser = await launch();
try {
  const page = await auditorPage(browser);
  const errors = consoleErrors(page);
  for (const deployId of env('DEPLOY_IDS').split(',')) {
    const response = await page.goto(`${env('BASE_URL')}/history/${deployId}`);
    if (response.status() !== 200) throw new Error(`GET /history/${deployId} answered ${response.status()}`);
    await page.waitForSelector('#diagram-canvas[data-state="ready"]', { timeout: 15000 });
    const ids = (selector) => page.locator(selector).evaluateAll(
      (elements) => [...new Set(elements.map((e) => e.dataset.elementId))].sort());
    const shown = {
      ran: await ids('.djs-element.ran:not(.djs-connection)'),
      taken: await ids('.djs-connection.taken'),
      waiting: await ids('.djs-element.waiting'),
    };
    // A click on an activity that ran lists its runs.
    const clicked = shown.ran.find((id) => id.startsWith('Task_')) ?? shown.ran[0];
    await page.locator(`.djs-element[data-element-id="${clicked}"]`).first().click({ force: true });
    const runs = await page.locator('#diagram-rows tbody tr').count();
    if (runs < 1) throw new Error(`clicking ${clicked} showed no runs`);
    // Long sections start collapsed under the summary.
    if (await page.locator('#events details').getAttribute('open') !== null) throw new Error('events not collapsed');
    await page.screenshot({ path: `${shots}/diagram-${deployId}.png`, fullPage: true });
    console.log(`DIAGRAM ${deployId} ${JSON.stringify(shown)}`);
  }
  if (errors.length) throw new Error(`console errors (CSP violations?): ${errors.join('\n')}`);
} finally {
  await browser.close();
}
