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
    void expressionsOverTheUserAndTheTokenRequestAreRecognised() {
        assertThat(AttributeValue.tryParse("${ user.email}"))
                .contains(new AttributeValue.Expression("${ user.email}", false));
        assertThat(AttributeValue.tryParse("${{\"sub\": \"45f60a71\"}}"))
                .contains(new AttributeValue.Expression("${{\"sub\": \"45f60a71\"}}", false));
        for (String ok : new String[] {
            "${#root.context.requestData.subjectToken.sub}",
            "${context.requestData.actorToken.client_id}",
            "${context.requestData.subjectToken.aud[0]}",
            "${context.requestData.grantType}",
            "${#root.context.appConfig.clientId}",
            "${{'sub': #root.context.requestData.actorToken.client_id,"
                    + " 'act': #root.context.requestData.subjectToken.act}}",
            "${(#root.context.requestData.grantType == \"client_credentials\")?\"noActor\":"
                    + "((#root.context.requestData.subjectToken.may_act.sub =="
                    + " #root.context.requestData.actorToken.client_id)"
                    + "?#root.context.requestData.subjectToken.may_act:null)}"
        }) {
            assertThat(AttributeValue.tryParse(ok)).as(ok).contains(new AttributeValue.Expression(ok, true));
        }
    }

    @Test
    void anythingElseWithAPlaceholderIsRefused() {
        for (String bad : new String[] {
            "${user}",
            "${user.}",
            "${user..x}",
            "${user.1x}",
            "a${user.email}",
            "${user.email}b",
            "${user.email}${user.id}",
            "${#other(user.x)}",
            "${",
            "${user}",
            "${T(java.lang.Runtime).getRuntime()}",
            "${user.email.toUpperCase()}",
            "${new java.io.File('x')}",
            "${@bean}",
            "${#this}",
            "${#root}",
            "${context.requestData.password}",
            "${context.secrets.x}",
            "${context.appConfig.clientId.x}",
            "${other.x}",
            "${user.email = 'x'}",
            "${user.list.?[true]}",
            "${user.a matches 'b'}"
        }) {
            assertThat(AttributeValue.tryParse(bad)).as(bad).isEmpty();
        }
    }
}
