// CI only: reads an XES file that `flowc log` wrote with pm4js (the JavaScript port of pm4py, by
// pm4py's author) and checks that what it reads is what Flow wrote:
//   - every trace has a concept:name, every event a concept:name, a lifecycle:transition of the
//     XES standard lifecycle model and a time:timestamp that parses as a date;
//   - the number of traces and events equals Flow's;
//   - the directly-follows counts pm4js computes (FrequencyDfgDiscovery, classifier concept:name)
//     equal Flow's own (`flowc log --directly-follows FILE`), pair for pair.
// Usage: node check.mjs LOG.xes FLOW-DFG.json
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
require('pm4js'); // defines XesImporter, FrequencyDfgDiscovery… as globals

const [xesFile, dfgFile] = process.argv.slice(2);
if (!xesFile || !dfgFile) {
  console.error('usage: node check.mjs LOG.xes FLOW-DFG.json');
  process.exit(2);
}
const flow = JSON.parse(readFileSync(dfgFile, 'utf8'));
const log = globalThis.XesImporter.apply(readFileSync(xesFile, 'utf8'));
const problems = [];

const transitions = new Set(['schedule', 'assign', 'reassign', 'withdraw', 'start', 'suspend', 'resume', 'pi_abort',
  'ate_abort', 'complete', 'autoskip', 'manualskip', 'unknown']);
let events = 0;
for (const trace of log.traces) {
  const name = trace.attributes['concept:name'];
  if (!name || typeof name.value !== 'string' || name.value === '') {
    problems.push('a trace without concept:name');
  }
  for (const event of trace.events) {
    events++;
    const where = `an event of ${name ? name.value : '?'}`;
    if (!event.attributes['concept:name']) {
      problems.push(`${where} has no concept:name`);
    }
    const transition = event.attributes['lifecycle:transition'];
    if (!transition || !transitions.has(transition.value)) {
      problems.push(`${where} has lifecycle:transition ${transition ? transition.value : 'none'}`);
    }
    const time = event.attributes['time:timestamp'];
    if (!time || !(time.value instanceof Date) || Number.isNaN(time.value.getTime())) {
      problems.push(`${where} has no valid time:timestamp`);
    }
  }
}
if (log.traces.length !== flow.cases) {
  problems.push(`pm4js read ${log.traces.length} traces, Flow wrote ${flow.cases} cases`);
}
if (events !== flow.events) {
  problems.push(`pm4js read ${events} events, Flow wrote ${flow.events}`);
}

// pm4js keys a pair "a,b"; Flow's activities are names without commas, which this checks.
const dfg = globalThis.FrequencyDfgDiscovery.apply(log, 'concept:name');
const theirs = new Map(Object.entries(dfg.pathsFrequency));
const ours = new Map();
for (const pair of flow.directlyFollows) {
  if (pair.from.includes(',') || pair.to.includes(',')) {
    problems.push(`an activity with a comma cannot be compared: ${pair.from} -> ${pair.to}`);
  }
  ours.set(`${pair.from},${pair.to}`, pair.count);
}
for (const [pair, count] of ours) {
  if (theirs.get(pair) !== count) {
    problems.push(`directly-follows ${pair.replace(',', ' -> ')}: Flow ${count}, pm4js ${theirs.get(pair) ?? 0}`);
  }
}
for (const [pair, count] of theirs) {
  if (!ours.has(pair)) {
    problems.push(`directly-follows ${pair.replace(',', ' -> ')}: Flow 0, pm4js ${count}`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) {
    console.error(`xes-check: ${problem}`);
  }
  process.exit(1);
}
const total = [...ours.values()].reduce((a, b) => a + b, 0);
console.log(`${xesFile}: pm4js read ${log.traces.length} traces with ${events} events; its directly-follows counts`
  + ` equal Flow's (${ours.size} pairs, ${total} in all)`);
