package io.latchkey.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How limits are written on the command line. */
class ThrottleSettingsTest {
    @Test
    void refillsAreTokensPerPeriod() {
        assertThat(ThrottleSettings.Limit.of(20, "1/s").nanosPerToken()).isEqualTo(1_000_000_000L);
        assertThat(ThrottleSettings.Limit.of(10, "1/30s").nanosPerToken()).isEqualTo(30_000_000_000L);
        assertThat(ThrottleSettings.Limit.of(1000, "500/s").nanosPerToken()).isEqualTo(2_000_000L);
        assertThat(ThrottleSettings.Limit.of(5, " 5 / 250MS ").nanosPerToken()).isEqualTo(50_000_000L);
        assertThat(ThrottleSettings.Limit.of(1, "2/m").refillPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ThrottleSettings.Limit.of(1, "1/h").nanosPerToken()).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void limitsPrintAsTheyAreWritten() {
        assertThat(ThrottleSettings.Limit.of(20, "1/s")).hasToString("20 (refill 1/s)");
        assertThat(ThrottleSettings.Limit.of(10, "1/30s")).hasToString("10 (refill 1/30s)");
        assertThat(ThrottleSettings.Limit.of(5, "5/250ms")).hasToString("5 (refill 5/250ms)");
        assertThat(ThrottleSettings.Limit.of(0, "1/s")).hasToString("off");
    }

    @Test
    void zeroCapacityTurnsALimitOff() {
        assertThat(ThrottleSettings.Limit.of(0, "1/s").off()).isTrue();
        assertThat(ThrottleSettings.Limit.of(1, "1/s").off()).isFalse();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ThrottleSettings d = ThrottleSettings.defaults();
        assertThat(d.failuresPerAddress()).isEqualTo(ThrottleSettings.Limit.of(20, "1/s"));
        assertThat(d.failuresPerUsername()).isEqualTo(ThrottleSettings.Limit.of(10, "1/30s"));
        assertThat(d.requestsPerAddress()).isEqualTo(ThrottleSettings.Limit.of(1000, "500/s"));
        assertThat(d.trustedProxies().isEmpty()).isTrue();
    }

    @Test
    void malformedOrAbsurdLimitsAreRefused() {
        for (String bad : List.of("", "s", "1", "1/", "1/2", "0/s", "1/0s", "-1/s", "1/s/s", "1/d")) {
            assertThatThrownBy(() -> ThrottleSettings.Limit.of(1, bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ThrottleSettings.Limit.of(-1, "1/s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThrottleSettings.Limit.of(1_000_000, "1/h"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
