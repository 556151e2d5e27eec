package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.latchkey.http.Exchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Turns an exchange into Nimbus' HTTP request, so that OAuth parsing is Nimbus' job, not ours. */
final class OAuthRequest {
    private OAuthRequest() {}

    static HTTPRequest of(Exchange x) {
        HTTPRequest r = new HTTPRequest(HTTPRequest.Method.valueOf(x.method()), URI.create(x.links().url(x.path())));
        String ct = x.header("Content-Type");
        if (ct != null) r.setHeader("Content-Type", ct);
        String auth = x.header("Authorization");
        if (auth != null) r.setAuthorization(auth);
        if (x.method().equals("POST")) r.setBody(new String(x.body(), StandardCharsets.UTF_8));
        else if (x.rawQuery() != null) r.appendQueryString(x.rawQuery());
        return r;
    }
}
