/** PingOne Authorize's application permissions: application resources, their permissions, application roles, users' application roles, and the claims they put into tokens (not {@code /as/authorize}, which is {@code oauth}). */
package io.latchkey.applicationpermissions;
