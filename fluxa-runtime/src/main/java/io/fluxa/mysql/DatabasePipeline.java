package io.fluxa.mysql;

/** Collects statements and runs them in one batch round-trip. */
public interface DatabasePipeline {
}
