/** The composition root: typed configuration, every store, service and adapter built by constructor, and {@code Routes}, the one route table; no feature package depends on it. */
package io.latchkey.app;
