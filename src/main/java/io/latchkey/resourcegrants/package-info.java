/** Application resource grants ({@code /applications/{id}/grants}): which scopes of which resource an application may request, and their lookup for the token endpoints; "grant" here never means an OAuth grant type, which lives in {@code oauth}. */
package io.latchkey.resourcegrants;
