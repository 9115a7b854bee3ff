// A file of the user's own inside the output directory: the plugin must never delete it.
def mine = new File(basedir, 'target/generated-sources/flow/README.txt')
mine.parentFile.mkdirs()
mine.text = 'not generated'
return true
