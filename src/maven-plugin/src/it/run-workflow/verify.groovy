// The generated workflow compiled and its test ran it on the engine.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert new File(basedir, 'target/generated-sources/flow/com/acme/desk/Triage.java').isFile()
assert new File(basedir, 'target/generated-docs/flow/com.acme.desk/Triage.workflow.mmd').isFile()
assert new File(basedir, 'target/classes/com/acme/desk/Triage.class').isFile()
return true
