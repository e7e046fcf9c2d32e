// Builds web/cobrowse/lib/ from the pinned npm packages (run by the Maven build after `npm ci`):
//   ../cobrowse.js rrweb + our customer-side wrapper (src-js/customer.js), one file for customer sites
//   rrweb.min.js  rrweb for the agent's replay page, rrweb.css its replayer styles, LICENSE-rrweb.txt
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rrweb = join(root, 'node_modules', 'rrweb');
const out = join(root, 'web', 'cobrowse', 'lib');
mkdirSync(out, { recursive: true });

const version = JSON.parse(readFileSync(join(rrweb, 'package.json'), 'utf8')).version;
const lib = readFileSync(join(rrweb, 'umd', 'rrweb.min.js'), 'utf8');
const ours = readFileSync(join(root, 'src-js', 'customer.js'), 'utf8');
const license = `/*! rrweb ${version} (MIT License, https://github.com/rrweb-io/rrweb) */\n`;
writeFileSync(join(root, 'web', 'cobrowse', 'cobrowse.js'), license + lib + '\n;\n' + ours);
writeFileSync(join(out, 'rrweb.min.js'), license + lib);
copyFileSync(join(rrweb, 'dist', 'style.css'), join(out, 'rrweb.css'));
writeFileSync(join(out, 'LICENSE-rrweb.txt'), `rrweb ${version} is MIT licensed: ` +
  'https://github.com/rrweb-io/rrweb/blob/master/LICENSE (Copyright (c) 2018 Contributors ' +
  '(https://github.com/rrweb-io/rrweb/graphs/contributors) and SmartX Inc.)\n');
console.log(`cobrowse.web: built web/cobrowse/cobrowse.js and ${out} with rrweb ${version}`);
