package io.latchkey.app;

import io.latchkey.applications.ApplicationsApi;
import io.latchkey.authorize.ApplicationPermissionsApi;
import io.latchkey.environments.EnvironmentsApi;
import io.latchkey.flows.FlowApi;
import io.latchkey.flows.SignOnPage;
import io.latchkey.oauth.AuthorizeEndpoint;
import io.latchkey.oauth.IntrospectEndpoint;
import io.latchkey.oauth.RevokeEndpoint;
import io.latchkey.oauth.SignoffEndpoint;
import io.latchkey.oauth.UserinfoEndpoint;
import io.latchkey.oauth.ResumeEndpoint;
import io.latchkey.oauth.DiscoveryEndpoint;
import io.latchkey.oauth.TokenEndpoint;

/** Every HTTP adapter, built by {@link Latchkey} and wired to paths by {@link Routes}. */
record Apis(
        DiscoveryEndpoint discovery,
        TokenEndpoint token,
        AuthorizeEndpoint authorize,
        ResumeEndpoint resume,
        IntrospectEndpoint introspect,
        UserinfoEndpoint userinfo,
        RevokeEndpoint revoke,
        SignoffEndpoint signoff,
        FlowApi flows,
        SignOnPage signOnPage,
        EnvironmentsApi environments,
        ApplicationsApi applications,
        ApplicationPermissionsApi applicationPermissions) {}
