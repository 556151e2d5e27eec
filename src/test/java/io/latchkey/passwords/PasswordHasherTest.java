package io.latchkey.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pre-encoded formats, against vectors made by independent implementations (libxcrypt's bcrypt, Python's
 * hashlib for salted SHA and PBKDF2) for the password {@code Tr0ub4dor&3}.
 */
class PasswordHasherTest {
    static final String PASSWORD = "Tr0ub4dor&3";
    final PasswordHasher hasher = new PasswordHasher();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$2a$10$abcdefghijklmnopqrstuu5l2mO2YzyEsHJLgg3Urz7twlBz7iAAK",
                "$2b$10$abcdefghijklmnopqrstuu5l2mO2YzyEsHJLgg3Urz7twlBz7iAAK",
                "$2y$10$abcdefghijklmnopqrstuu5l2mO2YzyEsHJLgg3Urz7twlBz7iAAK",
                "{BCRYPT}$2b$10$abcdefghijklmnopqrstuu5l2mO2YzyEsHJLgg3Urz7twlBz7iAAK",
                "{SSHA}NKk9D8FAJgCRQMioJ8MJz85sKtsBAgMEBQYHCA==",
                "{SSHA256}g0v9XkTO5wP+jVNN52DssyA2SQ39UbwPTzONtydswLgBAgMEBQYHCA==",
                "{SSHA384}ghV+DsByP0FJghgDUVJhbyWEN0Y4LJvouCXhACgqe/H5ZgdFlXe+01qYYTbJZa2YAQIDBAUGBwg=",
                "{SSHA512}vRcE5tUycSUkA5fsbZtP3YEzlRgrppHe5i8Tunk2hHKPSNmhe72YjrmmcdS7jCljt2X5cjH+Gv431CrZxZFBogECAwQFBgcI",
                "{PBKDF2}AAEAEAECAwQFBgcICQoLDA0ODxAAACcQZSi4ee48/GC4tallB2XOU25jZno=",
                "{PBKDF2}AAEAEAECAwQFBgcICQoLDA0ODxAAACcQbdEp50KsU4op+loGgRx/US0rrWFSJ0cV4zYFZH6SivA=",
                "{PBKDF2}AAEAEAECAwQFBgcICQoLDA0ODxAAACcQp48DHRiz19f+2w81KfgaQDKQqpqKEGGr4ozS9vNRixtxNFD5oCPiUEAWomcw0eTBlJGyQ2OgCryKeVs4Ah6BLg==",
                "$pbkdf2-sha1$10000$AQIDBAUGBwgJCgsMDQ4PEA$ZSi4ee48/GC4tallB2XOU25jZno",
                "$pbkdf2-sha256$10000$AQIDBAUGBwgJCgsMDQ4PEA$bdEp50KsU4op.loGgRx/US0rrWFSJ0cV4zYFZH6SivA",
                "$pbkdf2-sha512$10000$AQIDBAUGBwgJCgsMDQ4PEA$p48DHRiz19f.2w81KfgaQDKQqpqKEGGr4ozS9vNRixtxNFD5oCPiUEAWomcw0eTBlJGyQ2OgCryKeVs4Ah6BLg",
            })
    void importedFormatsVerifyTheRightPasswordOnlyAndNeedRehashing(String encoded) {
        assertThat(PasswordHasher.wellFormed(encoded)).isTrue();
        String stored = PasswordHasher.canonical(encoded);
        assertThat(hasher.verify(PASSWORD, stored)).isTrue();
        assertThat(hasher.verify(PASSWORD + "x", stored)).isFalse();
        assertThat(hasher.verify("tr0ub4dor&3", stored)).isFalse();
        assertThat(hasher.needsRehash(stored)).isTrue();
    }

    @Test
    void newHashesAreArgon2idWithTheDesignParametersAndNeedNoRehash() {
        String h = hasher.hash(PASSWORD);
        assertThat(h).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(hasher.verify(PASSWORD, h)).isTrue();
        assertThat(hasher.verify("wrong", h)).isFalse();
        assertThat(hasher.needsRehash(h)).isFalse();
    }

    @Test
    void argon2WithThePrefixOrWeakerParametersVerifiesAndNeedsRehash() {
        String weak = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 4096, 2)
                .encode(PASSWORD);
        assertThat(PasswordHasher.wellFormed("{ARGON2}" + weak)).isTrue();
        String stored = PasswordHasher.canonical("{ARGON2}" + weak);
        assertThat(stored).isEqualTo(weak);
        assertThat(hasher.verify(PASSWORD, stored)).isTrue();
        assertThat(hasher.needsRehash(stored)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{SSHA}not base64!",
                "{SSHA256}AAAA",
                "{PBKDF2}AAEA",
                "{SCRYPT}abc",
                "{MSKCC_PBKDF2}abc",
                "$2b$10$short",
                "{ARGON2}$argon2id$v=19$m=1",
                "$pbkdf2-sha256$x$AQID$AQID"
            })
    void malformedOrUnsupportedEncodingsAreRefusedAndNeverVerify(String encoded) {
        assertThat(PasswordHasher.formatOf(encoded)).isPresent();
        assertThat(PasswordHasher.wellFormed(encoded)).isFalse();
        assertThat(hasher.verify("anything", encoded)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tr0ub4dor&3", "{notascheme", "$1$abc", "correct horse battery staple"})
    void otherValuesAreCleartext(String value) {
        assertThat(PasswordHasher.formatOf(value)).isEmpty();
    }
}
