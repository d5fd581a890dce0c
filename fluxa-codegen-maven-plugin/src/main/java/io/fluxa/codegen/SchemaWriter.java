package io.fluxa.codegen;

import com.palantir.javapoet.CodeBlock;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.DirtyStreamSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.IndexSchema;
import io.fluxa.schema.UniqueIndexSchema;

import java.util.ArrayList;
import java.util.List;

import static io.fluxa.codegen.RuntimeTypes.COLUMN_KIND;
import static io.fluxa.codegen.RuntimeTypes.COLUMN_SCHEMA;
import static io.fluxa.codegen.RuntimeTypes.ENTITY_SCHEMA;

/**
 * Writes an entity's schema as code: {@code EntitySchema.builder(…)} with one named call per setting
 * and one {@code ColumnSchema} per line. While writing, the same calls are applied to real objects
 * and the result must equal the input, so the generated schema is the built one, exactly.
 */
final class SchemaWriter {

    private SchemaWriter() {
    }

    /** Longest line written; JavaPoet's own wrapping (at 100) is not used for the schema. */
    static final int LINE_LIMIT = 120;
    /** Indent of the {@code .column(…)} lines: class member (4) plus two continuation levels (8). */
    private static final int CALL_INDENT = 12;

    static CodeBlock schemaCode(EntitySchema e) {
        CodeBlock start = CodeBlock.of("$T.builder($S, $S, $S)", ENTITY_SCHEMA, e.entityName(), e.definitionClass(),
                e.table());
        // the field declaration before it: "    static final EntitySchema SCHEMA = "
        boolean startFits = 39 + length(start) <= LINE_LIMIT;
        CodeBlock.Builder b = CodeBlock.builder();
        if (startFits) {
            b.add("$L\n$>$>", start);
        } else {
            b.add("$T.builder(\n$>$>$>$>$S,\n$S,\n$S)\n$<$<", ENTITY_SCHEMA, e.entityName(), e.definitionClass(),
                    e.table());
        }
        EntitySchema.Builder replay = EntitySchema.builder(e.entityName(), e.definitionClass(), e.table());
        if (!e.mysqlPool().equals("default")) {
            b.add(".mysqlPool($S)\n", e.mysqlPool());
            replay.mysqlPool(e.mysqlPool());
        }
        if (e.redisCache() != null) {
            b.add(".redisCache($S, $L)\n", e.redisCache().pool(), e.redisCache().ttlSeconds());
            replay.redisCache(e.redisCache().pool(), e.redisCache().ttlSeconds());
        }
        if (e.localCache() != null) {
            b.add(".localCache($S, $L)\n", e.localCache().pool(), e.localCache().size());
            replay.localCache(e.localCache().pool(), e.localCache().size());
        }
        for (ColumnSchema c : e.columns()) {
            b.add(".column($L)\n", columnCode(c, CALL_INDENT + ".column(".length()));
            replay.column(c);
        }
        for (UniqueIndexSchema u : e.uniqueIndexes()) {
            b.add(".uniqueIndex($S,$W$L$L)\n", u.name(), u.cached(), strings(u.columns()));
            replay.uniqueIndex(u.name(), u.cached(), u.columns().toArray(String[]::new));
        }
        for (IndexSchema x : e.indexes()) {
            b.add(".index($S$L)\n", x.name(), strings(x.columns()));
            replay.index(x.name(), x.columns().toArray(String[]::new));
        }
        for (DirtyStreamSchema s : e.dirtyStreams()) {
            b.add(".dirtyStream($S,$W$S,$W$S$L)\n", s.name(), s.redisPool(), s.ops(), strings(s.triggerColumns()));
            replay.dirtyStream(s.name(), s.redisPool(), s.ops(), s.triggerColumns().toArray(String[]::new));
        }
        if (e.softDelete()) {
            b.add(".softDelete()\n");
            replay.softDelete();
        }
        if (e.createdAt()) {
            b.add(".createdAt()\n");
            replay.createdAt();
        }
        if (e.updatedAt()) {
            b.add(".updatedAt()\n");
            replay.updatedAt();
        }
        b.add(".build()$<$<");
        EntitySchema replayed = replay.build();
        if (!replayed.equals(e)) {
            throw new IllegalStateException("internal: the schema code of " + e.entityName()
                    + " does not rebuild the schema (stamp " + e.stamp() + " vs " + replayed.stamp()
                    + "):\n" + e + "\n" + replayed);
        }
        return b.build();
    }

    /**
     * The named calls building {@code c}, on one line when that stays within {@link #LINE_LIMIT} at
     * {@code column}, else one call per line; checked to rebuild exactly {@code c}.
     */
    static CodeBlock columnCode(ColumnSchema c, int column) {
        if (c.equals(ColumnSchema.id())) {
            return CodeBlock.of("$T.id()", COLUMN_SCHEMA);
        }
        List<CodeBlock> calls = new ArrayList<>();
        ColumnSchema replay = replayCalls(c, calls);
        if (!replay.equals(c)) {
            throw new IllegalStateException("internal: the column code does not rebuild " + c + "; it gives "
                    + replay);
        }
        int total = column + 1;
        for (CodeBlock call : calls) {
            total += length(call);
        }
        CodeBlock.Builder b = CodeBlock.builder().add(calls.get(0));
        if (total <= LINE_LIMIT) {
            calls.subList(1, calls.size()).forEach(b::add);
            return b.build();
        }
        b.add("$>$>");
        for (CodeBlock call : calls.subList(1, calls.size())) {
            b.add("\n$L", call);
        }
        return b.add("$<$<").build();
    }

    /** The characters {@code code} takes in a generated file, where the schema types are imported. */
    private static int length(CodeBlock code) {
        return code.toString().replace("io.fluxa.schema.", "").length();
    }

    /** Adds the calls building {@code c} (the factory, then one per attribute) and returns what they build. */
    private static ColumnSchema replayCalls(ColumnSchema c, List<CodeBlock> calls) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of($S, $S, $S, $T.$L)", COLUMN_SCHEMA, c.name(),
                c.fieldPath(), c.javaType(), COLUMN_KIND, c.kind().name());
        if (CALL_INDENT + ".column(".length() + length(b.build()) > LINE_LIMIT) {
            b = CodeBlock.builder().add("$T.of(\n$>$>$>$>$S,\n$S,\n$S,\n$T.$L)$<$<$<$<", COLUMN_SCHEMA, c.name(),
                    c.fieldPath(), c.javaType(), COLUMN_KIND, c.kind().name());
        }
        ColumnSchema base = ColumnSchema.of(c.name(), c.fieldPath(), c.javaType(), c.kind());
        calls.add(b.build());
        ColumnSchema replay = base;
        if (c.length() != base.length()) {
            calls.add(CodeBlock.of(".length($L)", c.length()));
            replay = replay.length(c.length());
        }
        if (c.precision() != base.precision() || c.scale() != base.scale()) {
            calls.add(CodeBlock.of(".decimal($L, $L)", c.precision(), c.scale()));
            replay = replay.decimal(c.precision(), c.scale());
        }
        if (!c.values().isEmpty()) {
            CodeBlock.Builder values = CodeBlock.builder();
            for (int i = 0; i < c.values().size(); i++) {
                values.add(i == 0 ? "$S" : ",$W$S", c.values().get(i));
            }
            calls.add(CodeBlock.of(".values($L)", values.build()));
            replay = replay.values(c.values().toArray(String[]::new));
        }
        if (c.kind() == ColumnKind.BINARY && !c.sqlType().equals(base.sqlType())) {
            calls.add(CodeBlock.of(".blob($S)", c.sqlType()));
            replay = replay.blob(c.sqlType());
        }
        if (c.unsigned() != base.unsigned()) {
            calls.add(CodeBlock.of(".unsigned($L)", c.unsigned()));
            replay = replay.unsigned(c.unsigned());
        }
        if (c.nullable() != base.nullable()) {
            calls.add(CodeBlock.of(".nullable($L)", c.nullable()));
            replay = replay.nullable(c.nullable());
        }
        if (c.enumName() != null) {
            calls.add(CodeBlock.of(".enumName($S)", c.enumName()));
            replay = replay.enumName(c.enumName());
        }
        if (c.referencedEntity() != null) {
            calls.add(CodeBlock.of(".references($S)", c.referencedEntity()));
            replay = replay.references(c.referencedEntity());
        }
        if (c.searchable()) {
            calls.add(CodeBlock.of(".searchable(true)"));
            replay = replay.searchable(true);
        }
        if (c.sortable()) {
            calls.add(CodeBlock.of(".sortable(true)"));
            replay = replay.sortable(true);
        }
        return replay;
    }

    /** {@code , "A", "B"} for the varargs tail of a call; empty for no values. */
    private static CodeBlock strings(List<String> values) {
        CodeBlock.Builder b = CodeBlock.builder();
        for (String value : values) {
            b.add(",$W$S", value);
        }
        return b.build();
    }
}
