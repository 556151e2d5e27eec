/** PingOne Authorize's application resources, permissions and roles, users' roles, and the permission and attribute claims they put into tokens. */
package io.latchkey.authorize;
