/** PingOne's Auth API ({@code /{envId}/as/*}): authorize, resume, client authentication, token with one class per grant, {@code TokenGenerator} with its claim contributors, introspect, userinfo, revoke, signoff, discovery. */
package io.latchkey.oauth;
