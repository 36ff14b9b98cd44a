// Drives the deploy history pages in headless Debian Chromium as an auditor would: filter the list, open the
// deploy, check that the decisions appear with their users and reasons. Run by HistoryBrowserTest, which passes:
//   BASE_URL, AUDITOR, PASSWORD, DEPLOY_ID, REQUESTER, DECIDER, NOTE, SCREENSHOTS, CHROMIUM
import { auditorPage, consoleErrors, env, launch, screenshots } from './chromium.mjs';

const base = env('BASE_URL');
const deployId = env('DEPLOY_ID');
const decider = env('DECIDER');
const note = env('NOTE');
const shots = screenshots();

const expectText = async (locator, text, what) => {
  const content = await locator.innerText();
  if (!content.includes(text)) throw new Error(`${what}: "${text}" not found in:\n${content}`);
};

const browser = await launch();
try {
  const page = await auditorPage(browser);
  const blocked = consoleErrors(page);

  const list = await page.goto(`${base}/history`);
  if (list.status() !== 200) throw new Error(`GET /history answered ${list.status()}`);
  await page.screenshot({ path: `${shots}/history-list.png`, fullPage: true });

  await page.fill('input[name=requester]', env('REQUESTER'));
  await page.fill('input[name=host]', 'unreachable');
  await page.selectOption('select[name=result]', 'failed');
  await Promise.all([page.waitForURL(/result=failed/), page.click('#apply-filters')]);
  const row = page.locator(`tr.deploy[data-deploy-id="${deployId}"]`);
  if (await row.count() !== 1) throw new Error(`deploy ${deployId} is not in the filtered list`);
  const rows = await page.locator('tr.deploy').count();
  const others = await page.locator('tr.deploy td:nth-child(7)').allInnerTexts();
  if (others.some((result) => result.trim() !== 'failed')) throw new Error(`filter shows other results: ${others}`);
  await page.screenshot({ path: `${shots}/history-filtered.png`, fullPage: true });

  await Promise.all([page.waitForURL(new RegExp(`/history/${deployId}$`)), row.locator('a').first().click()]);
  await expectText(page.locator('#deploy-id'), deployId, 'deploy id');
  // The long sections start collapsed: the auditor opens them all.
  for (const section of await page.locator('details > summary').all()) await section.click();
  const decisions = page.locator('#decisions');
  await expectText(decisions, decider, 'decision user');
  await expectText(decisions, 'mayorDecision', 'decision variable');
  await expectText(decisions, 'abort', 'decision');
  await expectText(decisions, note, 'reason given');
  const escalations = page.locator('#escalations');
  await expectText(escalations, 'DOCKER_UNAVAILABLE', 'escalation reason');
  await expectText(escalations, 'Check Docker daemon', 'escalation step');
  await expectText(escalations, 'mayor', 'escalation tier');
  await expectText(page.locator('.task[data-task-key="Task_MayorEscalation"]'), `Completed by ${decider}`, 'task');
  await expectText(page.locator('#status-report pre'), 'Result: failed', 'status report');
  await expectText(page.locator('#metadata pre'), deployId, 'metadata');
  // The stylesheet loaded under the Content-Security-Policy: tables collapse their borders.
  const collapse = await page.locator('table').first().evaluate((t) => getComputedStyle(t).borderCollapse);
  if (collapse !== 'collapse') throw new Error('history.css was not applied');
  if (blocked.length) throw new Error(`console errors (CSP violations?): ${blocked.join('\n')}`);
  await page.screenshot({ path: `${shots}/history-timeline.png`, fullPage: true });
  console.log(`history pages checked in Chromium: ${rows} filtered deploys, decision by ${decider} shown`);
} finally {
  await browser.close();
}
