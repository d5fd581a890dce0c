package io.fluxa.embedded.spring;

import io.fluxa.embedded.DataMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Everything under {@code fluxa.embedded.*}.
 *
 * @param enabled Whether to start the embedded MariaDB and Redis and point the Fluxa pools at them.
 *     Unset means on only while the 'dev' profile is active.
 * @param directory Directory of the unpacked binaries and the data, relative to the working
 *     directory.
 * @param name Name of this application's data directory below 'directory', so several applications
 *     of one project keep their data apart.
 * @param data Keep the data between runs, or start empty every time.
 * @param mysql The embedded MariaDB.
 * @param redis The embedded Redis.
 * @param startupTimeout How long each server may take to accept connections.
 */
@ConfigurationProperties("fluxa.embedded")
public record FluxaEmbeddedProperties(
        Boolean enabled,
        @DefaultValue(".fluxa/embedded") String directory,
        @DefaultValue("dev") String name,
        @DefaultValue("keep") DataMode data,
        @DefaultValue Mysql mysql,
        @DefaultValue Redis redis,
        @DefaultValue("60s") Duration startupTimeout) {

    /**
     * @param port Port of MariaDB; 0 picks a free one.
     * @param database Database of the default pool when no pool configures MySQL.
     */
    public record Mysql(@DefaultValue("0") int port, @DefaultValue("fluxa") String database) {
    }

    /**
     * @param port Port of Redis; 0 picks a free one.
     */
    public record Redis(@DefaultValue("0") int port) {
    }
}
