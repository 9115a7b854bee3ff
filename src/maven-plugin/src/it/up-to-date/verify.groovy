// Both builds log into build.log, one after the other.
def log = new File(basedir, 'build.log').text
def second = log.indexOf('Nothing to generate')
assert log.contains('Generated from 1 .flow file(s): ')
assert second > log.indexOf('Generated from 1 .flow file(s): ')
assert log.indexOf('Nothing to generate: 1 .flow file(s) unchanged since the last generation') == second
assert log.indexOf('Nothing to compile - all classes are up to date', second) > 0
// The state file is written last, and only when its content changes: no output may be newer.
def state = new File(basedir, 'target/flow-maven-plugin/default.state')
assert state.isFile()
def outputs = state.readLines().findAll { it.startsWith('output ') }.collect { new File(it.substring(7)) }
assert outputs.size() >= 3
outputs.each { assert it.isFile() && it.lastModified() <= state.lastModified() }
// With <bpmn>true</bpmn>, the BPMN file is written too, and is one of the outputs the second build leaves alone.
def bpmn = new File(basedir, 'target/generated-docs/flow-bpmn/com.acme.desk/Triage.bpmn')
assert bpmn.isFile()
assert bpmn.text.contains('<bpmn:userTask id="Triage.look" name="Look">')
assert outputs.collect { it.canonicalPath }.contains(bpmn.canonicalPath)
return true
