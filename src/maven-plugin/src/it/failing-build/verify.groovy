// An unknown role fails the build with the compiler's full diagnostic, and nothing is generated.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/flow/desk.flow:6:9: error[E100]: unknown role `Clark`')
assert log.contains('= help: did you mean `Clerk`?')
assert log.contains('Flow: 1 error in .flow files')
assert !new File(basedir, 'target/generated-sources/flow/com').exists()
return true
