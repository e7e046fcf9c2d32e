// Drives Debian's Chromium (/usr/bin/chromium, or $WCC_CHROMIUM) for the Java tests, one JSON command per line
// on standard input, one JSON answer per line on standard output:
//   {"id":1,"op":"goto","url":"http://127.0.0.1:PORT/demo/index.html"}  ->  {"id":1,"ok":true,"value":...}
// ops: goto, click, type, fill, press, waitFor (selector), waitForUrl (substring), eval (an expression or a
// function body run in the page), screenshot (path), close. Errors answer {"id":..,"ok":false,"error":"..."}.
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const executablePath = process.env.WCC_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--autoplay-policy=no-user-gesture-required']
});
const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
const page = await context.newPage();
const TIMEOUT = 15000;
page.setDefaultTimeout(TIMEOUT);
const log = [];
page.on('console', (m) => log.push(m.type() + ': ' + m.text()));
page.on('pageerror', (e) => log.push('pageerror: ' + e.message));

function answer(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function run(cmd) {
  switch (cmd.op) {
    case 'goto': await page.goto(cmd.url); return page.url();
    case 'click': await page.click(cmd.selector); return null;
    case 'type': await page.locator(cmd.selector).pressSequentially(cmd.text, { delay: 10 }); return null;
    case 'fill': await page.fill(cmd.selector, cmd.text); return null;
    case 'press': await page.press(cmd.selector, cmd.key); return null;
    case 'waitFor': await page.waitForSelector(cmd.selector, { state: cmd.state || 'visible' }); return null;
    case 'waitForUrl': await page.waitForURL((u) => u.toString().includes(cmd.part)); return page.url();
    case 'eval': return await page.evaluate(cmd.expr);
    case 'screenshot': await page.screenshot({ path: cmd.path, fullPage: false }); return cmd.path;
    case 'log': return log.splice(0);
    case 'close': await browser.close(); return null;
    default: throw new Error('unknown op ' + cmd.op);
  }
}

answer({ id: 0, ok: true, value: 'ready ' + browser.version() });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    answer({ id: -1, ok: false, error: 'not JSON: ' + line });
    continue;
  }
  try {
    const value = await run(cmd);
    answer({ id: cmd.id, ok: true, value: value === undefined ? null : value });
    if (cmd.op === 'close') {
      break;
    }
  } catch (e) {
    answer({ id: cmd.id, ok: false, error: String(e && e.message || e) });
  }
}
process.exit(0);
