/** Resources (the APIs tokens are issued for) with their scopes, attributes (token claims) and introspection secrets. */
package io.latchkey.resources;
