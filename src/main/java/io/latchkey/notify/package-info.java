/** Delivery of one-time codes to users: a JSON-lines outbox file by default, SMTP when configured; a code never goes to the log. */
package io.latchkey.notify;
