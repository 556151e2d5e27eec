package io.latchkey.oauth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code latchkey_tokens_issued_total{grant_type}}: token responses the token endpoint gave, one per successful request,
 * by the {@code grant_type} it was asked for, and {@value #IMPLICIT} for authorization responses that carried an access
 * token (response types {@code token}, {@code code token}, ...). The counters are made once.
 */
public final class TokenMetrics {
    static final String NAME = "latchkey.tokens.issued";
    /** Access tokens of an authorization response, as {@link TokenGrant.RequestData} names them. */
    static final String IMPLICIT = "implicit";

    private static final List<String> GRANT_TYPES = List.of(
            IMPLICIT,
            "client_credentials",
            "authorization_code",
            "refresh_token",
            TokenExchangeGrant.GRANT_TYPE,
            DeviceCodeGrant.GRANT_TYPE);

    private final Map<String, Counter> byGrantType;

    public TokenMetrics(MeterRegistry registry) {
        this.byGrantType = GRANT_TYPES.stream()
                .collect(Collectors.toUnmodifiableMap(
                        Function.identity(),
                        g -> Counter.builder(NAME)
                                .description("Token responses of the token endpoint, by grant type")
                                .tag("grant_type", g)
                                .register(registry)));
    }

    void issued(String grantType) {
        Counter c = byGrantType.get(grantType);
        if (c != null) c.increment();
    }
}
