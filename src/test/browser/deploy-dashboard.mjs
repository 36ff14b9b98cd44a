// Opens the deploy dashboard in headless Debian Chromium as an auditor, from the history list's link, and reads
// what it shows. Run by DeployDashboardHistoryTest, which passes BASE_URL, AUDITOR, PASSWORD, SERVICE, DAYS,
// SCREENSHOTS, CHROMIUM. Prints one line: DASHBOARD {"shown":{...},"json":{...},"empty":{...}}.
import { auditorPage, consoleErrors, env, launch, screenshots } from './chromium.mjs';

const base = env('BASE_URL');
const query = `service=${encodeURIComponent(env('SERVICE'))}&days=${env('DAYS')}`;
const shots = screenshots();

const browser = await launch();
try {
  const page = await auditorPage(browser);
  const errors = consoleErrors(page);

  // The history list links to the dashboard with its filters.
  await page.goto(`${base}/history?service=${encodeURIComponent(env('SERVICE'))}`);
  await Promise.all([page.waitForURL(/\/history\/dashboard/), page.click('#dashboard-link')]);
  const response = await page.goto(`${base}/history/dashboard?${query}`);
  if (response.status() !== 200) throw new Error(`GET /history/dashboard answered ${response.status()}`);

  const text = (selector) => page.locator(selector).innerText();
  const number = async (selector) => Number(await text(selector));
  const millis = async (selector) => {
    const value = await page.locator(selector).getAttribute('data-millis');
    return value === null ? null : Number(value);
  };
  const chart = async (id) => ({
    bars: await page.locator(`svg#${id} rect`).count(),
    labels: await page.locator(`svg#${id} text`).allTextContents(),
    title: await page.locator(`svg#${id} > title`).textContent(),
    // Rendered, not just present: the browser laid it out with a size.
    height: (await page.locator(`svg#${id}`).boundingBox())?.height ?? 0,
  });
  const shown = {
    landed: await number('#landed'), ended: await number('#ended'), failures: await number('#failures'),
    restored: await number('#restored'), notRestored: await number('#not-restored'),
    leadTimes: await number('#lead-times'), medianLeadTimeMillis: await millis('#lead-time'),
    medianTimeToRestoreMillis: await millis('#time-to-restore'),
    perDay: await text('#frequency'), failureRate: await text('#failure-rate'),
    definitions: await page.locator('.figure .definition').count(),
    days: await chart('chart-days'), phases: await chart('chart-phases'), escalations: await chart('chart-escalations'),
    phaseRows: await page.locator('#phases-table tbody tr').evaluateAll((rows) => rows.map((row) => ({
      phase: row.dataset.phase, medianMillis: Number(row.cells[2].dataset.millis)}))),
  };
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

  const json = await (await page.request.get(`${base}/api/history/dashboard?${query}`)).json();

  // A scope with no deploys: the empty state, the day chart without bars, no other chart.
  await page.goto(`${base}/history/dashboard?service=no-such-service&days=7`);
  const empty = {
    message: await page.locator('#empty').count(),
    dayBars: await page.locator('svg#chart-days rect').count(),
    charts: await page.locator('svg.chart').count(),
    lead: await text('#lead-time'),
  };
  await page.screenshot({ path: `${shots}/dashboard-empty.png`, fullPage: true });

  if (errors.length) throw new Error(`console errors (CSP violations?): ${errors.join('\n')}`);
  console.log(`DASHBOARD ${JSON.stringify({ shown, json, empty })}`);
} finally {
  await browser.close();
}
