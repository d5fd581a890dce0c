package io.fluxa.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.fluxa.Column;
import io.fluxa.Context;
import io.fluxa.EntityModel;
import io.fluxa.FluxaException;
import io.fluxa.orm.AbstractEntity;
import io.fluxa.orm.Checks;
import io.fluxa.orm.DatabaseEnum;
import io.fluxa.orm.EntityProvider;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaModel;

import javax.annotation.processing.Generated;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The types generated code refers to, taken from the classes themselves (the plugin depends on the
 * runtime), so moving or renaming a runtime type breaks the plugin's compile, not the user's build.
 */
final class RuntimeTypes {

    static final ClassName CONTEXT = ClassName.get(Context.class);
    static final ClassName FLUXA_EXCEPTION = ClassName.get(FluxaException.class);
    static final ClassName ENTITY_MODEL = ClassName.get(EntityModel.class);
    static final ClassName COLUMN = ClassName.get(Column.class);
    static final ClassName ABSTRACT_ENTITY = ClassName.get(AbstractEntity.class);
    static final ClassName ENTITY_PROVIDER = ClassName.get(EntityProvider.class);
    static final ClassName CHECKS = ClassName.get(Checks.class);
    static final ClassName DATABASE_ENUM = ClassName.get(DatabaseEnum.class);
    static final ClassName ENTITY_SCHEMA = ClassName.get(EntitySchema.class);
    static final ClassName COLUMN_SCHEMA = ClassName.get(ColumnSchema.class);
    static final ClassName COLUMN_KIND = ClassName.get(ColumnKind.class);
    static final ClassName SCHEMA_MODEL = ClassName.get(SchemaModel.class);
    static final ClassName GENERATED = ClassName.get(Generated.class);

    static final ClassName LIST = ClassName.get(List.class);
    static final ClassName SET = ClassName.get(Set.class);
    static final ClassName ENUM_SET = ClassName.get(EnumSet.class);
    static final ClassName OPTIONAL = ClassName.get(Optional.class);
    static final ClassName BIG_DECIMAL = ClassName.get(BigDecimal.class);
    static final ClassName INSTANT = ClassName.get(Instant.class);
    static final ClassName LOCAL_DATE = ClassName.get(LocalDate.class);
    static final ClassName LOCAL_DATE_TIME = ClassName.get(LocalDateTime.class);
    static final ClassName STRING = ClassName.get(String.class);
    static final TypeName BYTES = TypeName.get(byte[].class);
    static final TypeName BOXED_LONG = TypeName.LONG.box();
    static final TypeName BOXED_DOUBLE = TypeName.DOUBLE.box();
    static final TypeName BOXED_BOOLEAN = TypeName.BOOLEAN.box();

    private RuntimeTypes() {
    }
}
