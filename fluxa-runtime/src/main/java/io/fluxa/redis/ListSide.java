package io.fluxa.redis;

/** An end of a Redis list: {@code LEFT} is the head (index 0), {@code RIGHT} the tail. */
public enum ListSide {
    LEFT,
    RIGHT
}
