/** Shared web plumbing (the exchange over Javalin, errors, JSON, paging, HAL links, SCIM filters, request shapes); it must not depend on any feature package. */
package io.latchkey.http;
