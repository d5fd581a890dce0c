package io.fluxa.row;

import io.fluxa.FluxaException;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every canonical value survives the Redis encoding, including the boundaries of each msgpack format. */
class RowCodecTest {

    private static ColumnSchema column(ColumnKind kind, String javaType) {
        return new ColumnSchema("C", "c", javaType, kind, "x", true, false, 0, 0, 0, List.of(), null, null, false,
                false);
    }

    /**
     * Each value alone, and as a row of three columns (the value, a marker, the value again), which
     * must be the single values one after the other and decode back to the same columns.
     */
    private static void roundTrips(ColumnKind kind, String javaType, Object... values) {
        RowCodec codec = new RowCodec(List.of(column(ColumnKind.ID, "long"), column(kind, javaType),
                column(ColumnKind.INT64, "long"), column(kind, javaType)));
        for (Object value : values) {
            byte[] single = codec.pack(1, value);
            assertDecoded(kind, codec.unpack(1, single), value);

            byte[] marker = codec.pack(2, 7L);
            byte[] packed = codec.packValues(new Object[] {1L, value, 7L, value});
            assertThat(packed).isEqualTo(concat(single, marker, single));
            Object[] row = new Object[4];
            codec.unpackValues(packed, 0, row);
            assertDecoded(kind, row[1], value);
            assertThat(row[2]).isEqualTo(7L);
            assertDecoded(kind, row[3], value);
        }
    }

    private static void assertDecoded(ColumnKind kind, Object decoded, Object value) {
        if (value instanceof byte[] bytes) {
            assertThat((byte[]) decoded).isEqualTo(bytes);
        } else {
            assertThat(decoded).as("%s %s", kind, value).isEqualTo(value);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A row string that is not one value per column is an error naming what is wrong, never a wrong row. */
    @Test
    void rowBytesThatDoNotMatchTheColumnsAreRefused() {
        RowCodec codec = new RowCodec(List.of(column(ColumnKind.ID, "long"), column(ColumnKind.STRING, "String"),
                column(ColumnKind.INT64, "long")));
        byte[] packed = codec.packValues(new Object[] {1L, "hello", 300L});
        Object[] row = new Object[3];
        byte[] lastMissing = Arrays.copyOf(packed, codec.pack(1, "hello").length);
        assertThatThrownBy(() -> codec.unpackValues(lastMissing, 0, row))
                .isInstanceOf(FluxaException.class).hasMessageContaining("1 column value(s) missing");
        byte[] cut = Arrays.copyOf(packed, packed.length - 1);
        assertThatThrownBy(() -> codec.unpackValues(cut, 0, row))
                .isInstanceOf(FluxaException.class).hasMessageContaining("column 2 is cut short");
        byte[] longer = Arrays.copyOf(packed, packed.length + 2);
        assertThatThrownBy(() -> codec.unpackValues(longer, 0, row))
                .isInstanceOf(FluxaException.class).hasMessageContaining("2 byte(s) after the last column");
        byte[] array = {(byte) 0x91, 0x01, 0x02};
        assertThatThrownBy(() -> codec.unpackValues(array, 0, row))
                .isInstanceOf(FluxaException.class).hasMessageContaining("unexpected msgpack type 0x91");
    }

    @Test
    void integersAtEveryEncodingBoundary() {
        List<Object> values = new ArrayList<>();
        long[] edges = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L, Long.MAX_VALUE,
            -1, -32, -33, -128, -129, -32_768, -32_769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE};
        for (long edge : edges) {
            values.add(edge);
        }
        values.add(null);
        roundTrips(ColumnKind.INT64, "long", values.toArray());
    }

    /** Values packed one after another through one scratch packer, larger and smaller than its first buffer. */
    @Test
    void aReusedScratchPackerReturnsOnlyTheValueJustPacked() {
        RowCodec codec = new RowCodec(List.of(column(ColumnKind.ID, "long"), column(ColumnKind.STRING, "String")));
        org.msgpack.core.MessageBufferPacker scratch = RowCodec.newPacker();
        for (String value : new String[] {"x".repeat(20_000), "a", "ż".repeat(300), "", "b".repeat(255)}) {
            byte[] packed = codec.pack(scratch, 1, value);
            assertThat(packed).isEqualTo(codec.pack(1, value));
            assertThat(codec.unpack(1, packed)).isEqualTo(value);
        }
    }

    @Test
    void otherKinds() {
        roundTrips(ColumnKind.BOOLEAN, "boolean", true, false, null);
        roundTrips(ColumnKind.FLOAT64, "double", 0.0, -0.0, 1.5, Double.MAX_VALUE, -Double.MIN_VALUE, null);
        roundTrips(ColumnKind.FLOAT32, "float", (double) 3.4e38f, (double) 1.1f, null);
        roundTrips(ColumnKind.STRING, "String", "", "a", "x".repeat(31), "x".repeat(32), "y".repeat(255),
                "z".repeat(256), "ż".repeat(40_000), "🚀 日本語", null);
        roundTrips(ColumnKind.DATE, "LocalDate", LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(1970, 1, 1), null);
        roundTrips(ColumnKind.DATETIME, "Instant", Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.EPOCH, null);
        roundTrips(ColumnKind.DATETIME, "LocalDateTime", LocalDateTime.of(2024, 2, 29, 12, 0, 1), null);
        roundTrips(ColumnKind.BINARY, "byte[]", new byte[0], new byte[] {0, -1, 127}, new byte[70_000], null);
    }

    @Test
    void decimalsKeepEveryDigitAndTheirScale() {
        roundTrips(ColumnKind.DECIMAL, "BigDecimal", new BigDecimal("0.00"), new BigDecimal("1234.50"),
                new BigDecimal("-0.0000001"), new BigDecimal("9".repeat(35) + "." + "9".repeat(30)),
                new BigDecimal("12345678901234567.89"), null);
        RowCodec codec = new RowCodec(List.of(column(ColumnKind.ID, "long"),
                column(ColumnKind.DECIMAL, "BigDecimal")));
        // a double would have printed 1.2345678901234568E16
        assertThat(new String(codec.pack(1, new BigDecimal("12345678901234567.89")), 1, 20,
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("12345678901234567.89");
    }

    @Test
    void decimalLookupValuesTakeTheColumnScale() {
        ColumnSchema price = ColumnSchema.of("Price", "price", "BigDecimal", ColumnKind.DECIMAL).decimal(10, 2);
        assertThat(RowCodec.decimal(price, 7)).isEqualTo(new BigDecimal("7.00"));
        assertThat(RowCodec.decimal(price, 7.5)).isEqualTo(new BigDecimal("7.50"));
        assertThat(RowCodec.decimal(price, new BigDecimal("7.500"))).isEqualTo(new BigDecimal("7.50"));
        assertThat(RowCodec.decimal(price, new BigDecimal("7.505"))).isEqualTo(new BigDecimal("7.505"));
    }
}
