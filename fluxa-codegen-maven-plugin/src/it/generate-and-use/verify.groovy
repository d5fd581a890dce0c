// Runs after both invocations of invoker.properties succeeded.
def generated = new File(basedir, 'target/generated-sources/fluxa/com/example/shop/entities')
['UserEntity.java', 'UserProvider.java', 'CategoryEntity.java', 'CategoryProvider.java', 'FluxaModel.java',
 'enums/UserStatus.java'].each { name ->
    assert new File(generated, name).isFile() : "missing generated file " + name
}
def service = new File(basedir, 'target/classes/META-INF/services/io.fluxa.EntityModel')
assert service.isFile() : 'the service file is packaged with the classes'
assert service.text.trim() == 'com.example.shop.entities.FluxaModel'

// The second invocation (generate-sources) found the definitions unchanged and did nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('Fluxa definitions unchanged, generated code is up to date')
return true
