// Drives Debian's Chromium (/usr/bin/chromium, or $WCC_CHROMIUM) for the Java tests (org.webcallcenter.testing
// Chromium). One command per line on standard input: an id, an operation and its arguments, tab-separated, each
// argument base64 (UTF-8). One answer per line on standard output: "<id>\tok\t<base64 value>" or
// "<id>\terror\t<base64 message>"; the value is the result as text (objects as JSON).
// ops: goto URL, click SELECTOR, type SELECTOR TEXT, waitFor SELECTOR, waitForUrl PART, eval EXPRESSION,
// screenshot PATH, log (the page's console since the last call), close.
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const executablePath = process.env.WCC_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--autoplay-policy=no-user-gesture-required']
});
const page = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
page.setDefaultTimeout(15000);
const log = [];
page.on('console', (m) => log.push(m.type() + ': ' + m.text()));
page.on('pageerror', (e) => log.push('pageerror: ' + e.message));

const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const text = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

async function run(op, a) {
  switch (op) {
    case 'goto': await page.goto(a[0]); return page.url();
    case 'click': await page.click(a[0]); return '';
    case 'type': await page.locator(a[0]).pressSequentially(a[1], { delay: 10 }); return '';
    case 'waitFor': await page.waitForSelector(a[0], { state: 'visible' }); return '';
    case 'waitForUrl': await page.waitForURL((u) => u.toString().includes(a[0])); return page.url();
    case 'eval': return await page.evaluate(a[0]);
    case 'screenshot': await page.screenshot({ path: a[0] }); return a[0];
    case 'log': return log.splice(0).join('\n');
    case 'close': await browser.close(); return '';
    default: throw new Error('unknown op ' + op);
  }
}

process.stdout.write('0\tok\t' + b64('ready ' + browser.version()) + '\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [id, op, ...args] = line.split('\t');
  try {
    const value = await run(op, args.map((s) => Buffer.from(s, 'base64').toString('utf8')));
    process.stdout.write(id + '\tok\t' + b64(text(value)) + '\n');
  } catch (e) {
    process.stdout.write(id + '\terror\t' + b64(String((e && e.message) || e)) + '\n');
  }
  if (op === 'close') {
    break;
  }
}
process.exit(0);
