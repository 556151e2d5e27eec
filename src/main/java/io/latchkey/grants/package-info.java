/** Which scopes of which resource each application may request ({@code /applications/{id}/grants}), and their lookup for the token endpoints. */
package io.latchkey.grants;
