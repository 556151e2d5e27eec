package io.latchkey.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {
    static List<String> broken(ObjectNode policy, String password, List<String> profile, String current) {
        return PasswordRules.check(policy, password, profile, current, () -> false).stream()
                .map(PasswordRules.Broken::rule)
                .toList();
    }

    @Test
    void standardAcceptsAStrongPassword() {
        assertThat(broken(BuiltInPasswordPolicies.standard(), "Kx9!vTq#2mWz", List.of("jdoe"), null))
                .isEmpty();
    }

    @Test
    void standardNamesEveryBrokenRule() {
        assertThat(broken(BuiltInPasswordPolicies.standard(), "aaaa", List.of(), null))
                .containsExactly("length", "minCharacters", "maxRepeatedCharacters", "minUniqueCharacters");
    }

    @Test
    void commonPasswordsAreCaughtThroughLeetSpeakAndSuffixes() {
        for (String p : List.of("Password1!", "P@ssw0rd2024!", "Qwerty123!", "Welcome1#", "Summer2024!")) {
            assertThat(broken(BuiltInPasswordPolicies.standard(), p, List.of(), null))
                    .as(p)
                    .contains("excludesCommonlyUsed");
        }
        assertThat(CommonPasswords.size()).isGreaterThan(300);
    }

    @Test
    void profileValuesAndTheEmailLocalPartAreRefused() {
        var policy = BuiltInPasswordPolicies.standard();
        assertThat(broken(policy, "Jane.Doe#1977", List.of("jane.doe#1977"), null))
                .containsExactly("excludesProfileData");
        assertThat(broken(policy, "Mail.Box#42x", List.of("mail.box#42x@example.com"), null))
                .containsExactly("excludesProfileData");
        assertThat(broken(BuiltInPasswordPolicies.basic(), "Jane.Doe#1977", List.of("jane.doe#1977"), null))
                .isEmpty();
    }

    @Test
    void aPasswordTooCloseToTheCurrentOneIsRefusedWhenTheCurrentIsKnown() {
        var policy = BuiltInPasswordPolicies.standard();
        assertThat(broken(policy, "Kx9!vTq#2mWz", List.of(), "Kx9!vTq#2mWy")).containsExactly("notSimilarToCurrent");
        assertThat(broken(policy, "Kx9!vTq#2mWz", List.of(), "Kx9!vTq#2mWz")).containsExactly("history");
        assertThat(broken(policy, "Kx9!vTq#2mWz", List.of(), "Zq4@pLm$8nBv")).isEmpty();
    }

    @Test
    void passphraseComplexityWantsLength() {
        var policy = BuiltInPasswordPolicies.passphrase();
        assertThat(broken(policy, "kitchens", List.of(), null)).containsExactly("minComplexity");
        assertThat(broken(policy, "purple elephants dance quietly", List.of(), null))
                .isEmpty();
    }

    @Test
    void levenshteinAndRuns() {
        assertThat(PasswordRules.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(PasswordRules.longestRun("abbbcc")).isEqualTo(3);
    }
}
