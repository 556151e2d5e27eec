package io.latchkey.mfa.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The server's TOTP against RFC 6238's own test vectors and the test's independent implementation; the window and
 * the refusal of a replayed step. (Through HTTP a replay cannot be shown yet: an activated device takes no more
 * codes until the MFA sign-on step exists, which will call the same {@link Totp#match}.)
 */
class TotpTest {
    /** RFC 6238 appendix B, SHA1 seed "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectorsInSixDigits() {
        // Appendix B gives 8 digits (94287082, 07081804, 14050471, 89005924); the 6-digit code is their last six.
        assertThat(Totp.match(RFC_SEED, "287082", 59_000L, 0, null)).isEqualTo(OptionalLong.of(1));
        assertThat(Totp.match(RFC_SEED, "081804", 1_111_111_109_000L, 0, null))
                .isEqualTo(OptionalLong.of(1_111_111_109L / 30));
        assertThat(Totp.match(RFC_SEED, "050471", 1_111_111_111_000L, 0, null))
                .isEqualTo(OptionalLong.of(1_111_111_111L / 30));
        assertThat(Totp.match(RFC_SEED, "005924", 1_234_567_890_000L, 0, null))
                .isEqualTo(OptionalLong.of(1_234_567_890L / 30));
        assertThat(TestTotp.codeAtCounter(RFC_SEED, 1, 8)).isEqualTo("94287082");
    }

    @Test
    void acceptsTheGracePeriodOnEachSideAndNoMore() {
        byte[] secret = Totp.newSecret();
        String base32 = Totp.base32(secret);
        long now = 1_700_000_000_000L;
        long seconds = now / 1000;
        for (int shift = -5; shift <= 5; shift++) {
            assertThat(Totp.match(secret, TestTotp.code(base32, seconds, shift), now, 5, null))
                    .as("shift %d", shift)
                    .isPresent();
        }
        assertThat(Totp.match(secret, TestTotp.code(base32, seconds, 6), now, 5, null))
                .isEmpty();
        assertThat(Totp.match(secret, TestTotp.code(base32, seconds, -6), now, 5, null))
                .isEmpty();
        assertThat(Totp.match(secret, TestTotp.code(base32, seconds, 1), now, 0, null))
                .isEmpty();
    }

    @Test
    void aCodeIsRefusedWhenReplayedWithinTheWindowAndSoAreEarlierOnes() {
        byte[] secret = Totp.newSecret();
        String base32 = Totp.base32(secret);
        long now = 1_700_000_000_000L;
        String code = TestTotp.code(base32, now / 1000, 0);
        long step = Totp.match(secret, code, now, 5, null).orElseThrow();
        assertThat(Totp.match(secret, code, now, 5, step)).isEmpty();
        assertThat(Totp.match(secret, code, now + 60_000, 5, step)).isEmpty();
        assertThat(Totp.match(secret, TestTotp.code(base32, now / 1000, -1), now, 5, step))
                .isEmpty();
        assertThat(Totp.match(secret, TestTotp.code(base32, now / 1000, 1), now, 5, step))
                .isEqualTo(OptionalLong.of(step + 1));
    }

    @Test
    void malformedCodesNeverMatch() {
        byte[] secret = Totp.newSecret();
        for (String bad : new String[] {"", "12345", "1234567", "12a456", " 123456", "１２３４５６"})
            assertThat(Totp.match(secret, bad, 1_700_000_000_000L, 5, null)).isEmpty();
    }

    @Test
    void base32IsRfc4648AndRoundTripsThroughTheTestsDecoder() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        byte[] secret = Totp.newSecret();
        assertThat(Totp.base32(secret)).hasSize(32).matches("[A-Z2-7]+");
        assertThat(TestTotp.base32Decode(Totp.base32(secret))).isEqualTo(secret);
    }

    @Test
    void keyUriCarriesIssuerAccountSecretAndPolicyParameters() {
        String uri = Totp.keyUri("Acme Corp", "ann@example.com", "ABC", Map.of("image", "https://x/y.png"));
        assertThat(uri)
                .startsWith("otpauth://totp/Acme%20Corp:ann%40example.com?secret=ABC&issuer=Acme%20Corp")
                .contains("&algorithm=SHA1&digits=6&period=30")
                .contains("&image=https%3A%2F%2Fx%2Fy.png");
        assertThat(Totp.keyUri("I", "a", "S", Map.of("secret", "EVIL"))).doesNotContain("EVIL");
    }

    @Test
    void phoneNumbersAreNormalisedToE164() {
        assertThat(PhoneNumbers.normalise("+1 (512) 555-1234")).contains("+15125551234");
        assertThat(PhoneNumbers.normalise("+1.512.555.1234")).contains("+15125551234");
        assertThat(PhoneNumbers.normalise("+44 20 7946 0958")).contains("+442079460958");
        for (String bad : new String[] {
            "5125551234", "+0 512 555 1234", "+1 512 CALL NOW", "+1234", "+1234567890123456", "++15125551234", ""
        }) assertThat(PhoneNumbers.normalise(bad)).as(bad).isEmpty();
    }
}
