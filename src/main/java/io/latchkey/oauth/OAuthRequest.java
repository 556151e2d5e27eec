package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.latchkey.http.Exchange;
import io.latchkey.http.OAuthException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Turns an exchange into Nimbus' HTTP request, so that OAuth parsing is Nimbus' job, not ours. */
final class OAuthRequest {
    private OAuthRequest() {}

    /**
     * The form parameters of the request (decoded once, by the exchange), each at most once: RFC 6749 section 3.2
     * forbids repeating one (which value would count is anyone's guess), so a repeated parameter is {@code invalid_request}.
     */
    static Map<String, List<String>> parameters(Exchange x) {
        Map<String, List<String>> params = x.form();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (p.getValue().size() > 1)
                throw OAuthException.invalidRequest("The parameter '" + p.getKey() + "' is repeated.");
        }
        return params;
    }

    static HTTPRequest of(Exchange x) {
        HTTPRequest r = new HTTPRequest(
                HTTPRequest.Method.valueOf(x.method()), URI.create(x.links().url(x.path())));
        String ct = x.header("Content-Type");
        if (ct != null) r.setHeader("Content-Type", ct);
        String auth = x.header("Authorization");
        if (auth != null) r.setAuthorization(auth);
        if (x.method().equals("POST")) r.setBody(new String(x.body(), StandardCharsets.UTF_8));
        else if (x.rawQuery() != null) r.appendQueryString(x.rawQuery());
        return r;
    }
}
