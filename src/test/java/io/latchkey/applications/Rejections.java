package io.latchkey.applications;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;

/** Assertions on PingOne error bodies. */
public final class Rejections {
    private Rejections() {}

    /** 400 INVALID_DATA with a detail of {@code detailCode} on {@code target}. */
    public static Response invalid(Response r, String detailCode, String target) {
        r.then()
                .statusCode(400)
                .body("id", notNullValue())
                .body("code", equalTo("INVALID_DATA"))
                .body("message", notNullValue())
                .body("details.findAll { it.target == '" + target + "' }.code", hasItem(detailCode));
        return r;
    }

    public static Response notFound(Response r) {
        r.then().statusCode(404).body("code", equalTo("NOT_FOUND")).body("id", notNullValue());
        return r;
    }

    public static Response forbidden(Response r) {
        r.then()
                .statusCode(403)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details[0].code", equalTo("INSUFFICIENT_PERMISSIONS"));
        return r;
    }
}
