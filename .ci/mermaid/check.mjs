// Checks Mermaid diagrams with the real Mermaid, the way CI needs it:
//
//   node check.mjs parse  DIR...            parse every diagram (fast: Mermaid under Node with jsdom)
//   node check.mjs render DIR... [--out D]  render every diagram to SVG with mermaid-cli in Chromium
//                                           (--png too: also a PNG next to each SVG, for looking at)
//
// A diagram is a .mmd file, or a ```mermaid fence in a .md file. Every diagram is checked, every
// failure is reported (file, fence, Mermaid's message), and the exit code is 1 when any failed.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const mode = args.shift();
let out = null;
let png = false;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') {
    out = args[++i];
  } else if (args[i] === '--png') {
    png = true;
  } else {
    dirs.push(args[i]);
  }
}
if (!['parse', 'render'].includes(mode) || dirs.length === 0) {
  console.error('usage: node check.mjs parse|render FILE|DIR... [--out DIR] [--png]');
  process.exit(2);
}

/** Every diagram below the directories: { name, text }, in a stable order. */
function diagrams() {
  const found = [];
  const walk = (file) => {
    if (fs.statSync(file).isDirectory()) {
      fs.readdirSync(file).sort().forEach((name) => walk(path.join(file, name)));
    } else if (file.endsWith('.mmd')) {
      found.push({ name: file, text: fs.readFileSync(file, 'utf8') });
    } else if (file.endsWith('.md')) {
      const fences = [...fs.readFileSync(file, 'utf8').matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)];
      fences.forEach((m, i) => found.push({ name: `${file}#${i + 1}`, text: m[1] }));
    }
  };
  dirs.forEach(walk);
  return found;
}

const all = diagrams();
if (all.length === 0) {
  console.error(`no diagrams found in ${dirs.join(', ')}`);
  process.exit(1);
}
const failures = [];

if (mode === 'parse') {
  // Mermaid needs a DOM even to parse (DOMPurify, text measuring): jsdom provides one.
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  for (const key of ['window', 'document', 'navigator', 'Element', 'HTMLElement', 'SVGElement', 'DOMParser',
    'MutationObserver', 'getComputedStyle']) {
    Object.defineProperty(globalThis, key, { value: dom.window[key], configurable: true, writable: true });
  }
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  for (const d of all) {
    try {
      const result = await mermaid.parse(d.text);
      if (!result || result.diagramType !== 'flowchart-v2') {
        failures.push(`${d.name}: parsed as ${result && result.diagramType}, not as a flowchart`);
      }
    } catch (e) {
      failures.push(`${d.name}: ${String(e.message || e).split('\n').slice(0, 6).join('\n    ')}`);
    }
  }
} else {
  const { default: puppeteer } = await import('puppeteer');
  const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
  const config = JSON.parse(fs.readFileSync(new URL('./puppeteer-config.json', import.meta.url), 'utf8'));
  const browser = await puppeteer.launch({ headless: 'shell', ...config });
  try {
    for (const [i, d] of all.entries()) {
      try {
        const { data } = await renderMermaid(browser, d.text, 'svg', { mermaidConfig: { securityLevel: 'strict' } });
        const svg = Buffer.from(data).toString('utf8');
        if (!svg.includes('<svg') || /Syntax error in text|class="error-icon"/.test(svg)) {
          throw new Error('Mermaid drew its error picture instead of the diagram');
        }
        if (!/class="[^"]*node[ "]/.test(svg)) {
          throw new Error('the SVG has no nodes');
        }
        if (out) {
          const base = path.join(out, `${String(i + 1).padStart(3, '0')}-${d.name.replace(/[^A-Za-z0-9.]+/g, '_')}`);
          fs.mkdirSync(out, { recursive: true });
          fs.writeFileSync(`${base}.svg`, svg);
          if (png) {
            const picture = await renderMermaid(browser, d.text, 'png', {
              mermaidConfig: { securityLevel: 'strict' }, viewport: { width: 1200, height: 800, deviceScaleFactor: 1 },
            });
            fs.writeFileSync(`${base}.png`, picture.data);
          }
        }
      } catch (e) {
        failures.push(`${d.name}: ${String(e.message || e).split('\n').slice(0, 6).join('\n    ')}`);
      }
    }
  } finally {
    await browser.close();
  }
}

for (const f of failures) {
  console.error(`FAILED ${f}`);
}
console.log(`mermaid ${mode}: ${all.length - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
