package io.fluxa.codegen;

import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A small real generator for the pipeline tests: one class per entity holding its table and column
 * names as constants, plus a service entry listing them. Counts its invocations so tests can see
 * when the pipeline did no work.
 */
public final class ColumnListGenerator implements CodeGenerator {

    int invocations;

    @Override
    public List<GeneratedFile> generate(SchemaModel model, List<ClassDefinition> definitions, String targetPackage) {
        invocations++;
        String directory = targetPackage.replace('.', '/');
        List<GeneratedFile> files = new ArrayList<>();
        StringBuilder services = new StringBuilder();
        for (EntitySchema entity : model.entities()) {
            String className = entity.entityName() + "Columns";
            StringBuilder source = new StringBuilder();
            source.append("package ").append(targetPackage).append(";\n\n");
            source.append("public final class ").append(className).append(" {\n\n");
            source.append("    public static final String TABLE = \"").append(entity.table()).append("\";\n\n");
            source.append("    public static final String[] COLUMNS = {");
            for (int i = 0; i < entity.columns().size(); i++) {
                ColumnSchema column = entity.columns().get(i);
                source.append(i == 0 ? "" : ", ").append('"').append(column.name()).append('"');
            }
            source.append("};\n\n    private ").append(className).append("() {\n    }\n}\n");
            files.add(new GeneratedFile(directory + "/" + className + ".java", source.toString(),
                    GeneratedFile.Kind.SOURCE));
            services.append(targetPackage).append('.').append(className).append('\n');
        }
        files.add(new GeneratedFile("META-INF/fluxa/columns.list", services.toString(), GeneratedFile.Kind.RESOURCE));
        return files;
    }
}
