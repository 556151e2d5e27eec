package io.latchkey.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.Elvis;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.Indexer;
import org.springframework.expression.spel.ast.InlineList;
import org.springframework.expression.spel.ast.InlineMap;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.NullLiteral;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.Ternary;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A resource attribute's advanced expression, PingOne's form {@code ${<SpEL>}}: for example
 * {@code ${#root.context.requestData.subjectToken.sub}} or the delegation use case's
 * {@code ${(#root.context.requestData.subjectToken.may_act.sub == #root.context.requestData.actorToken.client_id)
 * ? #root.context.requestData.subjectToken.may_act : null}}. Parsed and run by Spring's SpEL engine, but only a
 * data-reading subset is accepted: literals, inline maps and lists, {@code == != < > <= >= and or not + ?: ?:},
 * indexing, and property chains that start at one of the roots PingOne documents:
 * <ul>
 * <li>{@code user.<attribute path>}</li>
 * <li>{@code context.requestData.grantType}, {@code .scope}, {@code .subjectToken[.<claim>...]},
 *     {@code .actorToken[.<claim>...]}</li>
 * <li>{@code context.appConfig.clientId}, {@code .envId}, {@code .orgId}, {@code .tokenEndpointAuthMethod}</li>
 * </ul>
 * each optionally written {@code #root.<...>}. No method, function, type, constructor, bean, assignment, selection or
 * regex: an expression an administrator writes reads the token request and never acts. A missing claim reads as
 * null, and an expression that fails while running (reading a property of null, comparing a map with a number)
 * yields no value rather than an error.
 */
public final class AttributeExpression {
    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final Set<String> REQUEST_DATA = Set.of("grantType", "scope", "subjectToken", "actorToken");
    private static final Set<String> APP_CONFIG = Set.of("clientId", "envId", "orgId", "tokenEndpointAuthMethod");
    private static final Set<Class<?>> LEAVES = Set.of(
            StringLiteral.class,
            IntLiteral.class,
            LongLiteral.class,
            RealLiteral.class,
            FloatLiteral.class,
            BooleanLiteral.class,
            NullLiteral.class);
    private static final Set<Class<?>> OPERATORS = Set.of(
            OpEQ.class,
            OpNE.class,
            OpLT.class,
            OpGT.class,
            OpLE.class,
            OpGE.class,
            OpAnd.class,
            OpOr.class,
            OperatorNot.class,
            OpPlus.class,
            Ternary.class,
            Elvis.class,
            InlineList.class);

    private final Expression expression;
    private final boolean readsContext;

    private AttributeExpression(Expression expression, boolean readsContext) {
        this.expression = expression;
        this.readsContext = readsContext;
    }

    /** Thrown by {@link #parse} with a message fit for an error detail. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The expression of {@code value}, which must be exactly {@code ${<expression>}}. */
    public static AttributeExpression parse(String value) throws Invalid {
        if (!value.startsWith("${") || !value.endsWith("}") || value.length() < 4) {
            throw new Invalid("An expression is written ${<expression>}, the whole value.");
        }
        SpelExpression parsed;
        try {
            parsed = PARSER.parseRaw(value.substring(2, value.length() - 1));
        } catch (ParseException e) {
            throw new Invalid("The expression does not parse: " + e.getSimpleMessage());
        } catch (IllegalStateException e) {
            throw new Invalid("The expression does not parse.");
        }
        Checker checker = new Checker();
        checker.check(parsed.getAST());
        return new AttributeExpression(parsed, checker.readsContext);
    }

    /** Whether it reads {@code context.*} (the token request), not only the user. */
    public boolean readsContext() {
        return readsContext;
    }

    /**
     * The value for {@code root} (a map with {@code user} and {@code context}, nested maps and lists inside): a
     * string, number, boolean, map or list; empty for null, an empty string, map or list, or an evaluation failure.
     */
    public Optional<Object> evaluate(Map<String, Object> root) {
        EvaluationContext context = SimpleEvaluationContext.forPropertyAccessors(new MapEntries())
                .withRootObject(root)
                .build();
        Object value;
        try {
            value = expression.getValue(context);
        } catch (RuntimeException e) {
            // An administrator's expression must never fail a token request with a 500: it has no value instead.
            return Optional.empty();
        }
        return switch (value) {
            case null -> Optional.empty();
            case String s when s.isEmpty() -> Optional.empty();
            case Map<?, ?> m when m.isEmpty() -> Optional.empty();
            case List<?> l when l.isEmpty() -> Optional.empty();
            case String s -> Optional.of(s);
            case Number n -> Optional.of(n);
            case Boolean b -> Optional.of(b);
            case Map<?, ?> m -> Optional.of(m);
            case List<?> l -> Optional.of(l);
            default -> Optional.of(value.toString());
        };
    }

    /** Walks the syntax tree: only the accepted node kinds, and property chains from the documented roots. */
    private static final class Checker {
        boolean readsContext;

        void check(SpelNode node) throws Invalid {
            if (LEAVES.contains(node.getClass())) return;
            if (node instanceof CompoundExpression || node instanceof PropertyOrFieldReference) {
                chain(node);
            } else if (node instanceof InlineMap) {
                for (int i = 0; i < node.getChildCount(); i++) {
                    SpelNode child = node.getChild(i);
                    boolean key = i % 2 == 0;
                    if (key && (child instanceof PropertyOrFieldReference || LEAVES.contains(child.getClass())))
                        continue;
                    check(child);
                }
            } else if (OPERATORS.contains(node.getClass())) {
                for (int i = 0; i < node.getChildCount(); i++) check(node.getChild(i));
            } else if (node instanceof VariableReference) {
                throw new Invalid("'" + node.toStringAST() + "' alone has no value: name an attribute.");
            } else {
                throw new Invalid("'" + node.toStringAST() + "' is not supported in an attribute expression (only"
                        + " literals, maps, lists, comparisons, and, or, not, +, ?: and properties of user and"
                        + " context.requestData / context.appConfig).");
            }
        }

        /** {@code [#root.]user.<path>} or {@code [#root.]context.(requestData|appConfig).<name>...}, indexes allowed. */
        private void chain(SpelNode node) throws Invalid {
            List<SpelNode> parts = new ArrayList<>();
            if (node instanceof CompoundExpression) {
                for (int i = 0; i < node.getChildCount(); i++) parts.add(node.getChild(i));
            } else {
                parts.add(node);
            }
            int at = 0;
            if (parts.getFirst() instanceof VariableReference v) {
                if (!v.toStringAST().equals("#root")) {
                    throw new Invalid("'" + v.toStringAST() + "' is not known: properties start at user or context"
                            + " (or #root.user, #root.context).");
                }
                at = 1;
            }
            List<String> names = new ArrayList<>();
            for (int i = at; i < parts.size(); i++) {
                SpelNode part = parts.get(i);
                if (part instanceof PropertyOrFieldReference p) {
                    names.add(p.getName());
                } else if (part instanceof Indexer indexer) {
                    if (names.isEmpty()) throw new Invalid("An index needs a property before it.");
                    for (int c = 0; c < indexer.getChildCount(); c++) check(indexer.getChild(c));
                    names.add("[]");
                } else {
                    throw new Invalid("'" + part.toStringAST() + "' is not supported in an attribute expression.");
                }
            }
            if (names.isEmpty()) throw new Invalid("'#root' alone has no value: name an attribute.");
            switch (names.getFirst()) {
                case "user" -> {
                    if (names.size() < 2 || names.get(1).equals("[]")) {
                        throw new Invalid("'user' alone has no value: name an attribute, as in user.email.");
                    }
                }
                case "context" -> {
                    readsContext = true;
                    String group = names.size() > 1 ? names.get(1) : "";
                    Set<String> known = switch (group) {
                        case "requestData" -> REQUEST_DATA;
                        case "appConfig" -> APP_CONFIG;
                        default -> throw new Invalid("context has requestData and appConfig only.");
                    };
                    String name = names.size() > 2 ? names.get(2) : "";
                    if (!known.contains(name)) {
                        throw new Invalid("context." + group + " has "
                                + String.join(", ", known.stream().sorted().toList()) + "; not '" + name + "'.");
                    }
                    boolean token = name.equals("subjectToken") || name.equals("actorToken");
                    if (!token && names.size() > 3) {
                        throw new Invalid("context." + group + "." + name + " is a string; it has no properties.");
                    }
                }
                default -> throw unknownRoot(names.getFirst());
            }
        }

        private static Invalid unknownRoot(String name) {
            return new Invalid("'" + name + "' is not known: properties start at user or context"
                    + " (or #root.user, #root.context).");
        }
    }

    /**
     * Reads map entries as properties (the root, the user, the tokens' claims); a missing entry reads as null, as an
     * absent claim does in PingOne. Read-only: nothing can be written.
     */
    private static final class MapEntries implements PropertyAccessor {
        @Override
        public Class<?>[] getSpecificTargetClasses() {
            return new Class<?>[] {Map.class};
        }

        @Override
        public boolean canRead(EvaluationContext context, Object target, String name) {
            return target instanceof Map;
        }

        @Override
        public TypedValue read(EvaluationContext context, Object target, String name) throws AccessException {
            if (!(target instanceof Map<?, ?> map)) throw new AccessException("Not a map");
            return new TypedValue(map.get(name));
        }

        @Override
        public boolean canWrite(EvaluationContext context, Object target, String name) {
            return false;
        }

        @Override
        public void write(EvaluationContext context, Object target, String name, Object newValue)
                throws AccessException {
            throw new AccessException("Attribute expressions are read-only");
        }
    }
}
