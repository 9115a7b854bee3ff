"""CI only: reads an XES file that `flowc log` wrote with pm4py and checks that what it reads is what Flow wrote.

The same checks as check.mjs (pm4js), with pm4py itself:
  - every trace has a concept:name, every event a concept:name, a lifecycle:transition of the XES standard
    lifecycle model and a time:timestamp;
  - the number of traces and events equals Flow's;
  - the directly-follows counts pm4py computes (pm4py.discover_dfg on the table pm4py.read_xes returns, the way
    a process analyst would) equal Flow's own (`flowc log --directly-follows FILE`), pair for pair.

Usage: python3 check_pm4py.py LOG.xes FLOW-DFG.json
"""
import json
import sys

import pandas as pd
import pm4py

TRANSITIONS = {'schedule', 'assign', 'reassign', 'withdraw', 'start', 'suspend', 'resume', 'pi_abort', 'ate_abort',
               'complete', 'autoskip', 'manualskip', 'unknown'}


def main(xes_file, dfg_file):
    with open(dfg_file, encoding='utf-8') as f:
        flow = json.load(f)
    table = pm4py.read_xes(xes_file)
    problems = []

    for column in ('case:concept:name', 'concept:name', 'lifecycle:transition', 'time:timestamp'):
        if column not in table.columns:
            problems.append(f'pm4py read no {column} column')
    if not problems:
        cases = table['case:concept:name']
        if cases.isna().any() or (cases.astype(str) == '').any():
            problems.append('a trace without concept:name')
        if table['concept:name'].isna().any():
            problems.append('an event without concept:name')
        bad = sorted(set(table['lifecycle:transition'].dropna()) - TRANSITIONS)
        if table['lifecycle:transition'].isna().any() or bad:
            problems.append(f'events with lifecycle:transition {bad or "none"}')
        if not pd.api.types.is_datetime64_any_dtype(table['time:timestamp']) or table['time:timestamp'].isna().any():
            problems.append('events without a valid time:timestamp')
        traces = cases.nunique()
        if traces != flow['cases']:
            problems.append(f"pm4py read {traces} traces, Flow wrote {flow['cases']} cases")
        if len(table) != flow['events']:
            problems.append(f"pm4py read {len(table)} events, Flow wrote {flow['events']}")

        dfg, _, _ = pm4py.discover_dfg(table)
        theirs = {(a, b): int(n) for (a, b), n in dfg.items()}
        ours = {(pair['from'], pair['to']): pair['count'] for pair in flow['directlyFollows']}
        for pair, count in ours.items():
            if theirs.get(pair) != count:
                problems.append(f'directly-follows {pair[0]} -> {pair[1]}: Flow {count}, pm4py {theirs.get(pair, 0)}')
        for pair, count in theirs.items():
            if pair not in ours:
                problems.append(f'directly-follows {pair[0]} -> {pair[1]}: Flow 0, pm4py {count}')

    if problems:
        for problem in problems:
            print(f'xes-check: {problem}', file=sys.stderr)
        sys.exit(1)
    print(f"{xes_file}: pm4py {pm4py.__version__} read {traces} traces with {len(table)} events; its directly-follows "
          f"counts equal Flow's ({len(ours)} pairs, {sum(ours.values())} in all)")


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print('usage: python3 check_pm4py.py LOG.xes FLOW-DFG.json', file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
