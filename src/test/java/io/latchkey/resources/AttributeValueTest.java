package io.latchkey.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttributeValueTest {
    @Test
    void literalsPlaceholdersAndUnixTimesAreRecognised() {
        assertThat(AttributeValue.tryParse("plain text")).contains(new AttributeValue.Literal("plain text"));
        assertThat(AttributeValue.tryParse("$ {not} a placeholder"))
                .contains(new AttributeValue.Literal("$ {not} a placeholder"));
        assertThat(AttributeValue.tryParse("${user.name.given}")).contains(new AttributeValue.UserPath("name.given"));
        assertThat(AttributeValue.tryParse("${user.tshirt_size}")).contains(new AttributeValue.UserPath("tshirt_size"));
        assertThat(AttributeValue.tryParse("${#datetime.toUnixTimestamp(user.updatedAt)}"))
                .contains(new AttributeValue.UnixTime("updatedAt"));
    }

    @Test
    void anythingElseWithAPlaceholderIsRefused() {
        for (String bad : new String[] {
            "${user}",
            "${user.}",
            "${user..x}",
            "${user.1x}",
            "${ user.email}",
            "a${user.email}",
            "${user.email}b",
            "${user.email}${user.id}",
            "${#other(user.x)}",
            "${"
        }) {
            assertThat(AttributeValue.tryParse(bad)).as(bad).isEmpty();
        }
    }
}
