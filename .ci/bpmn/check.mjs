// CI only: checks the BPMN files that flowc writes.
//   node check.mjs lint DIR... [--allow R] bpmn-moddle parses each file without a warning, and
//                                         bpmnlint's recommended rules report nothing (but R)
//   node check.mjs render DIR... --out D  bpmn-js (in the machine's Chromium) imports each file
//                                         without a warning, draws its pools and lanes (a collapsed
//                                         subprocess's lanes in its own plane), and a PNG of each
//                                         (and of each subprocess's plane) is written below D
// Exits 1 when any file fails, naming the file and every problem.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import Linter from 'bpmnlint/lib/linter.js';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const require = createRequire(import.meta.url);
const [mode, ...args] = process.argv.slice(2);
function option(name) {
  const i = args.indexOf(name);
  if (i < 0) {
    return null;
  }
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}
const out = option('--out');
// --allow RULE: that bpmnlint rule's reports are not failures (for random models only).
const allowed = option('--allow');
const roots = args;

function find(dir, found) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      find(p, found);
    } else if (p.endsWith('.bpmn')) {
      found.push(p);
    }
  }
  return found;
}
const files = roots.flatMap(r => find(r, [])).sort();
if (files.length === 0) {
  console.error('no .bpmn files found in ' + roots.join(' '));
  process.exit(1);
}

let failed = 0;
function report(file, problems) {
  if (problems.length) {
    failed++;
    console.log(file + ':\n  ' + problems.join('\n  '));
  }
}

if (mode === 'lint') {
  const moddle = new BpmnModdle();
  // The recommended rules, less one: `parallel … when` is an inclusive gateway, which Flow means
  // and which the rule only discourages (a warning).
  const config = { extends: 'bpmnlint:recommended', rules: { 'no-inclusive-gateway': 'off' } };
  for (const file of files) {
    // A linter per file: some rules (no-duplicate-sequence-flows) keep state between runs.
    const linter = new Linter({ config, resolver: new NodeResolver() });
    const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'), 'bpmn:Definitions');
    const problems = warnings.map(w => 'bpmn-moddle: ' + w.message);
    const results = await linter.lint(rootElement);
    for (const [rule, reports] of Object.entries(results)) {
      for (const r of reports) {
        if (rule === allowed) {
          continue;
        }
        problems.push(`bpmnlint ${rule} (${r.category}): ${r.id}: ${r.message}`);
      }
    }
    report(file, problems);
  }
  console.log(`${files.length} BPMN files parsed and linted, ${failed} with problems`);
} else if (mode === 'render') {
  const puppeteer = (await import('puppeteer-core')).default;
  const config = JSON.parse(fs.readFileSync(new URL('../mermaid/puppeteer-config.json', import.meta.url), 'utf8'));
  const browser = await puppeteer.launch({ executablePath: config.executablePath, args: config.args, headless: true });
  try {
    const page = await browser.newPage();
    const dist = path.dirname(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head>'
      + '<body style="margin:0;background:#fff"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
    for (const css of ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']) {
      await page.addStyleTag({ path: path.join(dist, 'assets', css) });
    }
    await page.addScriptTag({ path: path.join(dist, 'bpmn-viewer.production.min.js') });
    await page.evaluate(() => { window.viewer = new window.BpmnJS({ container: '#canvas' }); });
    for (const file of files) {
      const xml = fs.readFileSync(file, 'utf8');
      const expectedLanes = (xml.match(/<bpmn:lane /g) || []).length;
      const expectedPools = (xml.match(/<bpmn:participant /g) || []).length;
      const result = await page.evaluate(async (text) => {
        try {
          const { warnings } = await window.viewer.importXML(text);
          const registry = window.viewer.get('elementRegistry');
          const canvas = window.viewer.get('canvas');
          const box = canvas.viewbox().inner;
          // A collapsed subprocess's plane (a root of its own) must draw the subprocess's lanes.
          const planes = canvas.getRootElements()
            .filter(r => r.businessObject && r.businessObject.$type === 'bpmn:SubProcess')
            .map(r => {
              const expected = (r.businessObject.laneSets || []).flatMap(s => s.lanes || []).length;
              const drawn = registry.filter(e => e.type === 'bpmn:Lane' && canvas.findRoot(e) === r).length;
              return { id: r.id, expected, drawn };
            });
          return {
            warnings: warnings.map(w => w.message),
            planes,
            lanes: registry.filter(e => e.type === 'bpmn:Lane').length,
            pools: registry.filter(e => e.type === 'bpmn:Participant').length,
            width: Math.ceil(box.width + 2 * Math.max(box.x < 0 ? -box.x : 0, 0)),
            height: Math.ceil(box.height),
            x: box.x,
            y: box.y
          };
        } catch (e) {
          return { error: String(e && e.message || e) };
        }
      }, xml);
      const problems = [];
      if (result.error) {
        problems.push('bpmn-js: ' + result.error);
      } else {
        result.warnings.forEach(w => problems.push('bpmn-js: ' + w));
        if (result.lanes !== expectedLanes) {
          problems.push(`bpmn-js drew ${result.lanes} lanes, the file has ${expectedLanes}`);
        }
        if (result.pools !== expectedPools) {
          problems.push(`bpmn-js drew ${result.pools} pools, the file has ${expectedPools}`);
        }
        for (const plane of result.planes) {
          if (plane.drawn !== plane.expected) {
            problems.push(`bpmn-js drew ${plane.drawn} lanes in the plane ${plane.id}, its subprocess has ${plane.expected}`);
          }
        }
        if (out) {
          const width = Math.min(Math.max(result.width + 40, 200), 6000);
          const height = Math.min(Math.max(result.height + 40, 200), 6000);
          await page.setViewport({ width, height });
          await page.evaluate((x, y, w, h) => {
            window.viewer.get('canvas').viewbox({ x: x - 20, y: y - 20, width: w, height: h });
          }, result.x, result.y, width, height);
          const png = path.join(out, path.relative(roots.find(r => file.startsWith(r)) || '.', file)) + '.png';
          fs.mkdirSync(path.dirname(png), { recursive: true });
          await page.screenshot({ path: png });
          // And each collapsed subprocess's plane, as a reader sees it after drilling down: FILE.bpmn.<plane>.png.
          for (const plane of result.planes) {
            const box = await page.evaluate((id) => {
              const canvas = window.viewer.get('canvas');
              canvas.setRootElement(canvas.findRoot(id) || window.viewer.get('elementRegistry').get(id));
              const inner = canvas.viewbox().inner;
              return { x: inner.x, y: inner.y, width: Math.ceil(inner.width), height: Math.ceil(inner.height) };
            }, plane.id);
            // 60 px above the plane for the breadcrumb bpmn-js shows over it.
            const w = Math.min(Math.max(box.width + 40, 200), 6000);
            const h = Math.min(Math.max(box.height + 80, 200), 6000);
            await page.setViewport({ width: w, height: h });
            await page.evaluate((x, y, vw, vh) => {
              window.viewer.get('canvas').viewbox({ x: x - 20, y: y - 60, width: vw, height: vh });
            }, box.x, box.y, w, h);
            await page.screenshot({ path: png.replace(/\.png$/, '.' + plane.id.replace(/[^A-Za-z0-9_.-]/g, '_') + '.png') });
          }
        }
      }
      report(file, problems);
    }
  } finally {
    await browser.close();
  }
  console.log(`${files.length} BPMN files rendered with bpmn-js, ${failed} with problems`);
} else {
  console.error('usage: node check.mjs lint DIR... | render DIR... --out DIR');
  process.exit(2);
}
process.exit(failed ? 1 : 0);
