package io.fluxa.mysql;

/** What a write statement did: rows affected and the last AUTO_INCREMENT id it generated (0 if none). */
public record ExecResult(long rowsAffected, long lastInsertId) {
}
