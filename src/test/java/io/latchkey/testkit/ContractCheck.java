package io.latchkey.testkit;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.pathContainsRegexp;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Validates every management response the tests receive (paths under {@code /v1/}) against PingOne's management
 * OpenAPI description; a mismatch fails the test with the list of problems.
 *
 * <p>The description is third-party data and stays out of the repository. It is read from the file named by the
 * system property {@value #SPEC_PROPERTY} (the pom passes {@code ../shared/reference/pingone-management.openapi.yml}).
 * When that file is absent the harness says so once and validates nothing, unless {@value #REQUIRED_PROPERTY} is
 * {@code true} (CI), in which case every management response fails.
 *
 * <p>Paths the management description lacks are looked up in PingOne's MFA OpenAPI description (mfaSettings,
 * deviceAuthenticationPolicies, fido2Policies, users/{id}/mfaEnabled, ...), read from the file named by
 * {@value #MFA_SPEC_PROPERTY} (the pom passes {@code ../shared/reference/pingone-mfa.openapi.yml}), with the same
 * rules: absent, it is skipped with one line said, unless {@value #REQUIRED_PROPERTY} is {@code true}. The management
 * description wins where both have a path ({@code /environments/{id}}).
 *
 * <p>What is checked and what is not:
 * <ul>
 *   <li>Only responses: the requests the tests send are not validated (tests send bad requests on purpose).</li>
 *   <li>CORS preflights ({@code OPTIONS}) are not checked: no description declares them.</li>
 *   <li>Paths the description lacks ({@code validation.request.path.missing}: {@code /as/*}, {@code /flows/*}, and
 *       management paths PingOne does not document) are skipped.</li>
 *   <li>An operation or status the description declares is validated as declared, unknown fields included.</li>
 *   <li>An error status (4xx, 5xx) the operation does not declare, such as 413 or 415, or an error on a method the
 *       path does not have (405), is still an answer of PingOne's platform API: its body must be a PingOne error
 *       ({@code P1Error}). It is validated as the 400 of {@code GET /environments}, which is exactly that schema.
 *       A success status the operation does not declare (say 200 where the description says 201) is a mismatch.</li>
 * </ul>
 */
public final class ContractCheck {
    public static final String SPEC_PROPERTY = "latchkey.openapi";
    public static final String REQUIRED_PROPERTY = "latchkey.openapi.required";
    static final String DEFAULT_SPEC = "../shared/reference/pingone-management.openapi.yml";
    public static final String MFA_SPEC_PROPERTY = "latchkey.openapi.mfa";
    static final String DEFAULT_MFA_SPEC = "../shared/reference/pingone-mfa.openapi.yml";

    /** The RestAssured filter {@link Api} puts on every request. */
    public static final Filter FILTER = (request, response, ctx) -> {
        Response r = ctx.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        // A CORS preflight (OPTIONS) is answered by the HTTP layer for every path, not an operation of the API.
        if (path != null && path.startsWith("/v1/") && !"OPTIONS".equalsIgnoreCase(request.getMethod())) {
            if (validator() instanceof Validator.Absent a && a.required())
                throw new AssertionError("ContractCheck: " + a.reason());
            List<String> problems =
                    problems(request.getMethod(), path, r.getStatusCode(), r.getContentType(), r.asByteArray());
            if (!problems.isEmpty())
                throw new AssertionError(report(request.getMethod(), path, r.getStatusCode(), problems, r.asString()));
        }
        return r;
    };

    /** The operation every undeclared error status is validated against (its 400 is PingOne's P1Error). */
    private static final String ERROR_ANCHOR_PATH = "/v1/environments";

    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String OPERATION_NOT_ALLOWED = "validation.request.operation.notAllowed";
    private static final String STATUS_UNKNOWN = "validation.response.status.unknown";
    private static final String UNKNOWN_FIELD = "validation.response.body.schema.additionalProperties";

    private static volatile Validator validator;
    private static volatile Validator mfaValidator;

    private ContractCheck() {}

    /**
     * The problems of one management response; empty when it matches (or when nothing can be checked: the path is
     * not in the description, or the description is absent and not required).
     */
    public static List<String> problems(String method, String path, int status, String contentType, byte[] body) {
        Validator v = validator();
        if (v instanceof Validator.Absent absent) {
            return absent.required() ? List.of(absent.reason()) : List.of();
        }
        OpenApiInteractionValidator oai = ((Validator.Ready) v).oai();
        Request.Method m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        SimpleResponse response = response(status, contentType, body);
        // A path the description lacks yields only PATH_MISSING (level INFO): then the MFA description may have it;
        // a path neither has yields no errors.
        ValidationReport report = oai.validateResponse(path, m, response);
        if (pathMissing(report)) {
            Validator mfa = mfaValidator();
            if (mfa instanceof Validator.Absent absent) {
                return absent.required() ? List.of(absent.reason()) : List.of();
            }
            report = ((Validator.Ready) mfa).oai().validateResponse(path, m, response);
        }
        List<ValidationReport.Message> messages = errors(report);
        boolean undeclared = messages.stream()
                .anyMatch(x -> x.getKey().equals(STATUS_UNKNOWN) || x.getKey().equals(OPERATION_NOT_ALLOWED));
        if (undeclared && status >= 400) {
            // See the class comment: an undeclared error status must still carry PingOne's error body.
            messages = errors(
                    oai.validateResponse(ERROR_ANCHOR_PATH, Request.Method.GET, response(400, contentType, body)));
        }
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message x : messages) describe(x, "", out);
        return out;
    }

    private static SimpleResponse response(int status, String contentType, byte[] body) {
        SimpleResponse.Builder b = new SimpleResponse.Builder(status);
        if (contentType != null && !contentType.isBlank()) b.withContentType(contentType);
        if (body != null && body.length > 0) b.withBody(body);
        return b.build();
    }

    private static boolean pathMissing(ValidationReport report) {
        return report.getMessages().stream().anyMatch(x -> x.getKey().equals(PATH_MISSING));
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(x -> x.getLevel() == ValidationReport.Level.ERROR)
                .toList();
    }

    private static void describe(ValidationReport.Message x, String indent, List<String> out) {
        StringBuilder line = new StringBuilder(indent)
                .append('[')
                .append(x.getKey())
                .append("] ")
                .append(x.getMessage().strip());
        x.getContext().flatMap(ValidationReport.MessageContext::getPointers).ifPresent(p -> {
            if (p.getInstance() != null && !p.getInstance().isEmpty())
                line.append(" (at ").append(p.getInstance()).append(')');
        });
        out.add(line.toString());
        for (String info : x.getAdditionalInfo()) out.add(indent + "    " + info.strip());
        for (ValidationReport.Message nested : x.getNestedMessages()) describe(nested, indent + "    ", out);
    }

    private static String report(String method, String path, int status, List<String> problems, String body) {
        StringBuilder s = new StringBuilder(
                        "The response does not match PingOne's (management or MFA) OpenAPI description:\n  ")
                .append(method)
                .append(' ')
                .append(path)
                .append(" -> ")
                .append(status)
                .append('\n');
        for (String p : problems) s.append("  - ").append(p).append('\n');
        String shown = body == null ? "" : body.length() > 4000 ? body.substring(0, 4000) + "..." : body;
        return s.append("  body: ").append(shown).toString();
    }

    // ---- the validator, built once per JVM on first use

    private sealed interface Validator {
        record Ready(OpenApiInteractionValidator oai) implements Validator {}

        record Absent(boolean required, String reason) implements Validator {}
    }

    private static Validator validator() {
        Validator v = validator;
        if (v != null) return v;
        synchronized (ContractCheck.class) {
            if (validator == null) validator = load(specPath(), SPEC_PROPERTY, "management", ContractCheck::patch);
            return validator;
        }
    }

    private static Validator mfaValidator() {
        Validator v = mfaValidator;
        if (v != null) return v;
        synchronized (ContractCheck.class) {
            if (mfaValidator == null)
                mfaValidator = load(mfaSpecPath(), MFA_SPEC_PROPERTY, "MFA", ContractCheck::patchMfa);
            return mfaValidator;
        }
    }

    /** Where the description is read from. */
    static Path specPath() {
        String configured = System.getProperty(SPEC_PROPERTY);
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_SPEC : configured)
                .toAbsolutePath()
                .normalize();
    }

    /** Where the MFA description is read from. */
    static Path mfaSpecPath() {
        String configured = System.getProperty(MFA_SPEC_PROPERTY);
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_MFA_SPEC : configured)
                .toAbsolutePath()
                .normalize();
    }

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false"));
    }

    /** Whether responses are actually validated in this JVM (the description was found and parsed). */
    public static boolean active() {
        return validator() instanceof Validator.Ready;
    }

    private static Validator load(Path spec, String property, String which, UnaryOperator<String> fix) {
        if (!Files.isRegularFile(spec)) {
            String reason = "PingOne's " + which + " OpenAPI description is not at " + spec + " (system property "
                    + property + ")";
            if (required())
                return new Validator.Absent(true, reason + ", and " + REQUIRED_PROPERTY + "=true requires it.");
            System.err.println("ContractCheck: " + reason + "; its responses are NOT validated against it.");
            return new Validator.Absent(false, reason);
        }
        try {
            String text = fix.apply(Files.readString(spec, StandardCharsets.UTF_8));
            OpenApiInteractionValidator oai = OpenApiInteractionValidator.createForInlineApiSpecification(text)
                    .withBasePathOverride("/v1")
                    .withResolveCombinators(true)
                    .withLevelResolver(LevelResolver.create()
                            // Paths a description lacks (the Auth API, our extras): not an error; kept as INFO so
                            // that a path the management description lacks can be looked up in the MFA one.
                            .withLevel(PATH_MISSING, ValidationReport.Level.INFO)
                            .build())
                    .withWhitelist(whitelist())
                    .build();
            return new Validator.Ready(oai);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + spec, e);
        }
    }

    /**
     * Fields PingOne really returns that the description lacks, one rule each. Keep this list short: a rule here
     * must name a field seen in PingOne's own answers, never a field Latchkey invented.
     */
    private static ValidationErrorsWhitelist whitelist() {
        return ValidationErrorsWhitelist.create()
                // Filter errors: PingOne's INVALID_FILTER detail carries innerError.supportedOperators and
                // supportedAttributes (typed in the official pingone-go-client description, P1GC in the contract
                // notes, §B1), which the management description's P1Error does not list.
                .withRule(
                        "P1Error innerError.supportedOperators/supportedAttributes (INVALID_FILTER)",
                        allOf(
                                messageHasKey(UNKNOWN_FIELD),
                                messageContainsRegexp(".*supported(Operators|Attributes).*")))
                // Password-policy errors: innerError.unsatisfiedRequirements lists the broken rules; Ping's own
                // custom sign-on sample reads it (contract notes §A11). The description's P1Error lacks it.
                .withRule(
                        "P1Error innerError.unsatisfiedRequirements (password policy)",
                        allOf(messageHasKey(UNKNOWN_FIELD), messageContainsRegexp(".*'unsatisfiedRequirements'.*")))
                // The MFA device limit: PingOne's MFA settings page shows the error with innerError.maximumAllowed,
                // which the MFA description's P1Error does not list.
                .withRule(
                        "P1Error innerError.maximumAllowed (LIMIT_EXCEEDED, MFA devices)",
                        allOf(messageHasKey(UNKNOWN_FIELD), messageContainsRegexp(".*'maximumAllowed'.*")))
                // Users without e-mail: the description marks User.email required, but PingOne creates and returns
                // users without one (e.g. its anonymised-user integration); Latchkey accepts them likewise.
                .withRule(
                        "User.email is not always present",
                        allOf(
                                messageHasKey("validation.response.body.schema.required"),
                                messageContainsRegexp(".*required property 'email' not found.*")))
                // Custom user attributes (schemas): PingOne returns each as a top-level member of the user, named by
                // the attribute ("shirtSize": "M"), which no fixed description can list (contract notes §3.3). Only
                // the user resource itself and user lists, and only unknown fields.
                .withRule(
                        "User: custom attributes as top-level members",
                        allOf(
                                messageHasKey(UNKNOWN_FIELD),
                                pathContainsRegexp(".*/environments/[^/]+/users(/[^/]+)?$")))
                // Resource attributes' "Required" check box: PingOne's delegation use case marks the custom resource's
                // act attribute required so that a token without it is refused (docs/token-exchange.md); the
                // description's ResourceAttribute lacks the field. Latchkey writes it only when true.
                .withRule(
                        "ResourceAttribute.required",
                        allOf(messageHasKey(UNKNOWN_FIELD), messageContainsRegexp(".*property 'required' is not.*")))
                // The envelope of every PingOne resource: environment {id}, createdAt, updatedAt (contract notes §0,
                // and the convention of HELPER_BRIEF). A few schemas of the description leave some out although the
                // resource has them: ApplicationResourceGrant lacks environment, SignOnPolicyAssignment lacks
                // createdAt and updatedAt.
                .withRule(
                        "Resource envelope: environment, createdAt, updatedAt",
                        allOf(
                                messageHasKey(UNKNOWN_FIELD),
                                messageContainsRegexp(
                                        ".*property '(environment|createdAt|updatedAt)' is not defined.*")));
    }

    // ---- in-memory fixes of the description text

    /** The action types of sign-on policies, by the schema that describes each. */
    private static final Map<String, String> ACTION_TYPES = Map.of(
            "SignOnPolicyActionLogin", "LOGIN",
            "SignOnPolicyActionMFA", "MULTI_FACTOR_AUTHENTICATION",
            "SignOnPolicyActionIDFirst", "IDENTIFIER_FIRST",
            "SignOnPolicyActionIDP", "IDENTITY_PROVIDER",
            "SignOnPolicyActionAgreement", "AGREEMENT",
            "SignOnPolicyActionProgressiveProfiling", "PROGRESSIVE_PROFILING",
            "SignOnPolicyActionPingIDWinLoginPasswordless", "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION");

    /**
     * Makes the description parseable and unambiguous, in memory only:
     * <ol>
     *   <li>its one TAB character (inside a description) is rejected by strict YAML parsers: replaced by a space;</li>
     *   <li>{@code SignOnPolicyAction} is a {@code oneOf} of eight action schemas without a discriminator, and a
     *       LOGIN action matches several of them (all their extra fields are optional), so {@code oneOf} fails:
     *       each action schema gets its {@code type} pinned to its own enum value. {@code SignOnPolicyActionPingID}
     *       is a bare {@code $ref} to the common schema, so it is rewritten as an {@code allOf} with the pin;</li>
     *   <li>{@code Environment.region} is a {@code oneOf} of {@code EnumRegionCode} and any string, so every known
     *       region matches both and {@code oneOf} fails: made an {@code anyOf} (which is what it means).</li>
     * </ol>
     * A patch whose anchor is not found fails loudly: a silently unpatched description would report false errors.
     */
    static String patch(String text) {
        String out = text.replace('\t', ' ');
        for (Map.Entry<String, String> e : ACTION_TYPES.entrySet()) {
            String head = "\n    " + e.getKey()
                    + ":\n      allOf:\n        - $ref: '#/components/schemas/SignOnPolicyActionCommon'\n"
                    + "        - type: object\n          properties:\n";
            out = replaceOnce(out, head, head + pin(e.getValue(), "            "));
        }
        out = replaceOnce(
                out,
                "\n        region:\n          oneOf:\n            - $ref: '#/components/schemas/EnumRegionCode'\n            - type: string\n",
                "\n        region:\n          anyOf:\n            - $ref: '#/components/schemas/EnumRegionCode'\n            - type: string\n");
        out = replaceOnce(
                out,
                "\n    SignOnPolicyActionPingID:\n      $ref: '#/components/schemas/SignOnPolicyActionCommon'\n",
                "\n    SignOnPolicyActionPingID:\n      allOf:\n        - $ref: '#/components/schemas/SignOnPolicyActionCommon'\n"
                        + "        - type: object\n          properties:\n"
                        + pin("PINGID_AUTHENTICATION", "            "));
        return out;
    }

    /**
     * Fixes the MFA description in memory:
     * <ol>
     *   <li>{@code DELETE /mfaSettings} (reset) declares its 204 with an MFASettings body, which no 204 can carry
     *       (RFC 9110 §15.3.5); PingOne documents the reset as a bare 204. The body is dropped.</li>
     *   <li>{@code POST /deviceAuthenticationPolicies} answers both its 201 (a created policy) and its 200 (the FIDO2
     *       migration, a list) with {@code oneOf [DeviceAuthenticationPolicy, EntityArray]}; the validator cannot
     *       resolve an {@code allOf}-built schema inside a {@code oneOf}, so every policy fails both branches. Each
     *       status gets the schema its own description names: 201 the policy, 200 the list.</li>
     * </ol>
     */
    static String patchMfa(String text) {
        String out = replaceOnce(
                text,
                "        '204':\n          description: Successful response\n          content:\n"
                        + "            application/json:\n              schema:\n"
                        + "                $ref: '#/components/schemas/MFASettings'\n",
                "        '204':\n          description: Successful response\n");
        String postResponse = "                $ref: '#/components/schemas/DeviceAuthenticationPolicyPostResponse'\n";
        String head200 = "        '200':\n          description: Successful response (migration)\n          content:\n"
                + "            application/json:\n              schema:\n";
        String head201 = "        '201':\n          description: Successful response\n          content:\n"
                + "            application/json:\n              schema:\n";
        return replaceOnce(
                out,
                head200 + postResponse + head201 + postResponse,
                head200 + "                $ref: '#/components/schemas/EntityArray'\n" + head201
                        + "                $ref: '#/components/schemas/DeviceAuthenticationPolicy'\n");
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("The OpenAPI description changed: cannot patch\n" + from);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static String pin(String type, String indent) {
        return indent + "type:\n" + indent + "  type: string\n" + indent + "  enum: [" + type + "]\n";
    }
}
