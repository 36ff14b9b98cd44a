// Renders BPMN files with the vendored bpmn-js viewer in headless Chromium and writes one SVG per file.
// Usage: node export.mjs <output dir> <file.bpmn>...   (CHROMIUM: the browser binary, default /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [outputDir, ...diagrams] = process.argv.slice(2);
if (!outputDir || diagrams.length === 0) {
  console.error('usage: node export.mjs <output dir> <file.bpmn>...');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--font-render-hinting=none'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', error => console.error('page error:', error.message));
  await page.goto(pathToFileURL(fileURLToPath(new URL('export.html', import.meta.url))).href);
  for (const diagram of diagrams) {
    const svg = await page.evaluate(xml => exportSvg(xml), readFileSync(diagram, 'utf-8'));
    const target = join(outputDir, basename(diagram, '.bpmn') + '.svg');
    writeFileSync(target, stableMarkerIds(svg) + '\n');
    console.log('wrote ' + target);
  }
} finally {
  await browser.close();
}

// The renderer names its arrow-head markers with random ids; a fixed one keeps the output
// byte-identical from run to run, so CI can compare it with the committed image.
function stableMarkerIds(svg) {
  const markers = [...new Set([...svg.matchAll(/id="(marker-[a-z0-9]+)"/g)].map(match => match[1]))];
  return markers.reduce((text, id, index) => text.replaceAll(id, `marker-${index + 1}`), svg);
}
