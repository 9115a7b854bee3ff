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
return true
