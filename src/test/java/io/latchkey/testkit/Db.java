package io.latchkey.testkit;

/** The databases every storage-touching test runs on. */
public enum Db { H2, POSTGRES }
