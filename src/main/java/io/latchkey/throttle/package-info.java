/** Token-bucket limits on sign-on attempts and interactive requests per client address and username, held in each process's memory. */
package io.latchkey.throttle;
