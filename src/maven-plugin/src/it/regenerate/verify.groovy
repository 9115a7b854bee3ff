def log = new File(basedir, 'build.log').text
def java = new File(basedir, 'target/generated-sources/flow/com/acme/desk')
// The second build rewrote what changed, left Ticket.java alone, and deleted Archive's files.
def second = (log =~ /Generated from 2 \.flow file\(s\): (\d+) written, (\d+) unchanged, (\d+) deleted/)
assert second.find()
assert second.group(1) as int == 3 : 'Triage.java, Triage.workflow.mmd and DeskModule.java (which lists the workflows)'
assert second.group(2) as int == 1 : 'Ticket.java'
assert second.group(3) as int == 2 : 'Archive.java and Archive.workflow.mmd'
assert new File(java, 'Triage.java').text.contains('Duration.ofDays(2)')
assert new File(java, 'Ticket.java').isFile()
assert !new File(java, 'Archive.java').exists()
assert new File(basedir, 'target/generated-sources/flow/README.txt').text == 'not generated'
return true
