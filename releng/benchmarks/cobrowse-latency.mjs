// Co-browsing benchmark: customer event -> applied in the agent's replay page, and bytes per minute of an active
// session. Needs a running hub (the hub product) and npm playwright-core (bundles/org.webcallcenter.testing/node).
//
//   node releng/benchmarks/cobrowse-latency.mjs http://127.0.0.1:8480/ [keys=300] [keysPerSecond=8]
//
// One Chromium (Debian's /usr/bin/chromium) with two pages: the customer on the demo site (starts a session, types
// into the unmasked name field and moves the mouse), and the agent: the hub's replay page, joined over WebSocket by
// a few lines run in that page (instead of the workstation's Java side) which hand every message to
// wccReplay.pushText as the workstation does. Both pages share one clock, so rrweb's event timestamp (taken in the
// customer's page) against the moment rrweb's Replayer applies the event (its 'event-cast') is the latency.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../bundles/org.webcallcenter.testing/node/package.json'));
const { chromium } = require('playwright-core');

const hub = new URL(process.argv[2] || 'http://127.0.0.1:8480/');
const keys = Number(process.argv[3] || 300);
const rate = Number(process.argv[4] || 8);

const browser = await chromium.launch({ executablePath: process.env.WCC_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const customer = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
const agent = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage();
await customer.goto(new URL('/demo/index.html', hub).toString());
await customer.click('#wcc-start');
await customer.waitForSelector('#wcc-cobrowse-code');
const code = await customer.textContent('#wcc-cobrowse-code');

await agent.goto(new URL('/cobrowse/replay.html', hub).toString());
await agent.waitForFunction(() => !!window.wccReplay);
await agent.evaluate(({ code }) => new Promise((resolve, reject) => {
  window.benchBytes = 0;
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/cobrowse/ws/agent');
  ws.onopen = () => ws.send(JSON.stringify({ t: 'join', code }));
  ws.onmessage = (m) => {
    window.benchBytes += new Blob([m.data]).size;
    if (m.data.startsWith('{"t":"joined"')) {
      resolve();
    }
    window.wccReplay.pushText(m.data);
  };
  ws.onclose = (e) => reject(new Error('closed ' + e.code + ' ' + e.reason));
}), { code });
await agent.waitForFunction(() => {
  const d = window.wccReplay.frameDocument();
  return d && d.getElementById('name');
});

const castBefore = await agent.evaluate(() => wccReplay.stats().castCount);
const bytesBefore = await agent.evaluate(() => window.benchBytes);
const started = Date.now();
await customer.click('#name');
const text = 'The quick brown fox jumps over the lazy dog ';
for (let i = 0; i < keys; i++) {
  await customer.keyboard.type(text[i % text.length]);
  await customer.mouse.move(100 + (i * 7) % 600, 200 + (i * 13) % 300);
  await new Promise((r) => setTimeout(r, 1000 / rate));
}
await new Promise((r) => setTimeout(r, 1000));
const elapsed = (Date.now() - started) / 1000;
const stats = await agent.evaluate(() => wccReplay.stats());
const bytes = (await agent.evaluate(() => window.benchBytes)) - bytesBefore;
const replayed = await agent.evaluate(() => wccReplay.frameDocument().getElementById('name').value);
console.log(JSON.stringify({
  measured: new Date().toISOString(), keys, keysPerSecond: rate, seconds: Number(elapsed.toFixed(1)),
  eventsApplied: stats.castCount - castBefore, latencyP50ms: stats.lagP50, latencyP95ms: stats.lagP95,
  bytesPerMinute: Math.round(bytes / elapsed * 60), replayedNameLength: replayed.length,
  chromium: browser.version()
}));
await browser.close();
