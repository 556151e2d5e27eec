package io.latchkey.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request that came in on the plain-HTTP connector with 308 to the same path and query under the
 * public base URL; requests on other connectors pass through. The target comes from {@code --base-url}, never from
 * {@code Host} or {@code X-Forwarded-*}, so a client cannot make it point elsewhere. 308 rather than 301 keeps a
 * POST a POST.
 */
final class HttpsRedirect extends Handler.Wrapper {
    private final String connectorName;
    private final String baseUrl;

    HttpsRedirect(String connectorName, String baseUrl) {
        this.connectorName = connectorName;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!connectorName.equals(request.getConnectionMetaData().getConnector().getName())) {
            return super.handle(request, response, callback);
        }
        HttpURI uri = request.getHttpURI();
        String query = uri.getQuery();
        String location = baseUrl + uri.getPath() + (query == null ? "" : "?" + query);
        Response.sendRedirect(request, response, callback, HttpStatus.PERMANENT_REDIRECT_308, location, true);
        return true;
    }
}
