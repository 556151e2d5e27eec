/** The guard on every {@code /v1} route: verifies the management bearer token and checks the calling application's roles ({@code access}) for the route's permission; it sits above {@code oauth} and {@code applications}, which is why it is not in {@code access}. */
package io.latchkey.managementauth;
