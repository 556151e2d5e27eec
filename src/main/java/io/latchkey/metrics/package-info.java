/**
 * Prometheus metrics through Micrometer: the registry of one server with its JVM, process and connection pool
 * meters, and {@code /metrics}, which serves them. Features record their own events (tokens issued, sign-ons, flows)
 * with meters they build once from this registry.
 */
package io.latchkey.metrics;
