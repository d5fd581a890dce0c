// The build failed (invoker.buildResult = failure); check it failed for the right reason, pointing
// at the definition so the user can fix it.
def log = new File(basedir, 'build.log').text

assert log.contains('Fluxa entity definition error')
assert log.contains('src/main/java/com/example/shop/Product.java:11')
assert log.contains('rank')
assert log.contains('Fix:')
assert !new File(basedir, 'target/generated-sources/fluxa').exists()
return true
