package io.fluxa.codegen;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MarkerAnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.fluxa.schema.AnnotationUse;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates annotations as written in source into {@link AnnotationUse}s: literals, constant
 * expressions of literals, arrays, enum constants and constant references. Without compiling, a
 * reference to a constant the sources do not declare (for example {@code Length.MAX} or
 * {@code BlobSize.MEDIUM}) is passed on as its simple name.
 */
final class AnnotationReader {

    /** The package of Fluxa's own annotations, used to learn each attribute's declared type. */
    static final String FLUXA_ANNOTATIONS = "io.fluxa.annotation";

    private final SourceIndex sources;
    private final String annotationPackage;

    /**
     * @param annotationPackage where the annotation types live whose declared attribute types are used
     *     to normalise values (Fluxa's own, {@value #FLUXA_ANNOTATIONS}, except in tests)
     */
    AnnotationReader(SourceIndex sources, String annotationPackage) {
        this.sources = sources;
        this.annotationPackage = annotationPackage + ".";
    }

    /**
     * Reads annotations in source order. A repeatable annotation's container written explicitly
     * ({@code @Uniques({@Unique(...), @Unique(...)})}) is unwrapped into its elements, as javac does.
     */
    List<AnnotationUse> read(List<AnnotationExpr> annotations) {
        List<AnnotationUse> uses = new ArrayList<>(annotations.size());
        for (AnnotationExpr annotation : annotations) {
            List<AnnotationExpr> contained = containedAnnotations(annotation);
            if (contained.isEmpty()) {
                uses.add(read(annotation));
            } else {
                uses.addAll(read(contained));
            }
        }
        return uses;
    }

    /** The elements of a container annotation: its only attribute, {@code value}, holds annotations. */
    private static List<AnnotationExpr> containedAnnotations(AnnotationExpr annotation) {
        Expression value;
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal && normal.getPairs().size() == 1
                && normal.getPairs().get(0).getNameAsString().equals("value")) {
            value = normal.getPairs().get(0).getValue();
        } else {
            return List.of();
        }
        if (value instanceof AnnotationExpr one) {
            return List.of(one);
        }
        if (value instanceof ArrayInitializerExpr array && !array.getValues().isEmpty()
                && array.getValues().stream().allMatch(Expression::isAnnotationExpr)) {
            return array.getValues().stream().map(Expression::asAnnotationExpr).toList();
        }
        return List.of();
    }

    AnnotationUse read(AnnotationExpr annotation) {
        String name = annotation.getName().getIdentifier();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            attributes.put("value", evaluate(name, "value", single.getMemberValue()));
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                attributes.put(pair.getNameAsString(), evaluate(name, pair.getNameAsString(), pair.getValue()));
            }
        } else if (!(annotation instanceof MarkerAnnotationExpr)) {
            throw new DefinitionSourceException(sources.positionOf(annotation), "unsupported annotation form " + annotation);
        }
        return AnnotationUse.of(name, attributes);
    }

    private Object evaluate(String annotation, String attribute, Expression expression) {
        Object value = evaluate(expression, new HashSet<>());
        return conformToDeclaredType(annotation, attribute, value);
    }

    private Object evaluate(Expression e, Set<VariableDeclarator> resolving) {
        if (e instanceof StringLiteralExpr s) {
            return s.asString();
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return t.asString();
        }
        if (e instanceof CharLiteralExpr c) {
            return String.valueOf(c.asChar());
        }
        if (e instanceof BooleanLiteralExpr b) {
            return b.getValue();
        }
        if (e instanceof IntegerLiteralExpr i) {
            return integer(i.getValue(), e);
        }
        if (e instanceof LongLiteralExpr l) {
            return integer(l.getValue(), e);
        }
        if (e instanceof DoubleLiteralExpr d) {
            return floating(d.getValue(), e);
        }
        if (e instanceof EnclosedExpr enclosed) {
            return evaluate(enclosed.getInner(), resolving);
        }
        if (e instanceof CastExpr cast) {
            return evaluate(cast.getExpression(), resolving);
        }
        if (e instanceof UnaryExpr unary) {
            return unary(unary, resolving);
        }
        if (e instanceof BinaryExpr binary) {
            return binary(binary, resolving);
        }
        if (e instanceof ArrayInitializerExpr array) {
            List<Object> values = new ArrayList<>(array.getValues().size());
            for (Expression element : array.getValues()) {
                values.add(evaluate(element, resolving));
            }
            return List.copyOf(values);
        }
        if (e instanceof NameExpr name) {
            return constant(Optional.empty(), name.getNameAsString(), e, resolving);
        }
        if (e instanceof FieldAccessExpr access) {
            return constant(Optional.of(access.getScope().toString()), access.getNameAsString(), e, resolving);
        }
        if (e instanceof ClassExpr type) {
            return type.getType().asString();
        }
        throw unsupported(e);
    }

    /**
     * A constant the sources declare (a {@code static final} field with an initializer) is evaluated;
     * anything else (enum constants, constants of Fluxa's annotations) is its simple name.
     */
    private Object constant(Optional<String> scope, String name, Expression e, Set<VariableDeclarator> resolving) {
        Optional<TypeDeclaration<?>> owner = scope.isPresent()
                ? sources.resolve(scope.get(), e, SourceIndex.Search.NAMED_FILES)
                : enclosingTypeDeclaring(e, name);
        if (owner.isPresent()) {
            for (FieldDeclaration field : owner.get().getFields()) {
                boolean constant = field.isStatic() && field.isFinal() || owner.get().isClassOrInterfaceDeclaration()
                        && owner.get().asClassOrInterfaceDeclaration().isInterface();
                if (!constant) {
                    continue;
                }
                for (VariableDeclarator variable : field.getVariables()) {
                    if (variable.getNameAsString().equals(name) && variable.getInitializer().isPresent()) {
                        if (!resolving.add(variable)) {
                            throw new DefinitionSourceException(sources.positionOf(e),
                                    "constant " + name + " refers to itself");
                        }
                        Object value = evaluate(variable.getInitializer().get(), resolving);
                        resolving.remove(variable);
                        return value;
                    }
                }
            }
        }
        return name;
    }

    private static Optional<TypeDeclaration<?>> enclosingTypeDeclaring(Expression e, String name) {
        for (var n = e.getParentNode(); n.isPresent(); n = n.get().getParentNode()) {
            if (n.get() instanceof TypeDeclaration<?> type && type.getFieldByName(name).isPresent()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private Object unary(UnaryExpr unary, Set<VariableDeclarator> resolving) {
        Object operand = evaluate(unary.getExpression(), resolving);
        switch (unary.getOperator()) {
            case PLUS:
                if (operand instanceof Long || operand instanceof Double) {
                    return operand;
                }
                break;
            case MINUS:
                if (operand instanceof Long l) {
                    return -l;
                }
                if (operand instanceof Double d) {
                    return -d;
                }
                if (operand instanceof BigInteger big) {
                    return narrow(big.negate(), unary);
                }
                break;
            case BITWISE_COMPLEMENT:
                if (operand instanceof Long l) {
                    return ~l;
                }
                break;
            case LOGICAL_COMPLEMENT:
                if (operand instanceof Boolean b) {
                    return !b;
                }
                break;
            default:
                break;
        }
        throw unsupported(unary);
    }

    private Object binary(BinaryExpr binary, Set<VariableDeclarator> resolving) {
        Object left = narrow(evaluate(binary.getLeft(), resolving), binary.getLeft());
        Object right = narrow(evaluate(binary.getRight(), resolving), binary.getRight());
        BinaryExpr.Operator op = binary.getOperator();
        if (op == BinaryExpr.Operator.PLUS && (left instanceof String || right instanceof String)) {
            return String.valueOf(left) + right;
        }
        if (left instanceof Long a && right instanceof Long b) {
            switch (op) {
                case PLUS: return a + b;
                case MINUS: return a - b;
                case MULTIPLY: return a * b;
                case DIVIDE:
                case REMAINDER:
                    if (b == 0) {
                        throw new DefinitionSourceException(sources.positionOf(binary), "division by zero in " + binary);
                    }
                    return op == BinaryExpr.Operator.DIVIDE ? a / b : a % b;
                case LEFT_SHIFT: return a << b;
                case SIGNED_RIGHT_SHIFT: return a >> b;
                case UNSIGNED_RIGHT_SHIFT: return a >>> b;
                case BINARY_AND: return a & b;
                case BINARY_OR: return a | b;
                case XOR: return a ^ b;
                default: break;
            }
        }
        if (left instanceof Number && right instanceof Number
                && (left instanceof Double || right instanceof Double)) {
            double a = ((Number) left).doubleValue();
            double b = ((Number) right).doubleValue();
            switch (op) {
                case PLUS: return a + b;
                case MINUS: return a - b;
                case MULTIPLY: return a * b;
                case DIVIDE: return a / b;
                default: break;
            }
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            switch (op) {
                case AND: return a && b;
                case OR: return a || b;
                default: break;
            }
        }
        throw unsupported(binary);
    }

    /**
     * Parses an integer literal's text: underscores, {@code L} suffix, hex, octal and binary. The
     * literal {@code 9223372036854775808L} only exists as the operand of a minus sign, so it stays a
     * {@link BigInteger} until the sign is applied.
     */
    private Object integer(String literal, Expression e) {
        String text = literal.replace("_", "");
        if (text.endsWith("L") || text.endsWith("l")) {
            text = text.substring(0, text.length() - 1);
        }
        int radix = 10;
        String lower = text.toLowerCase();
        if (lower.startsWith("0x")) {
            radix = 16;
            text = text.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            text = text.substring(2);
        } else if (text.length() > 1 && text.startsWith("0")) {
            radix = 8;
            text = text.substring(1);
        }
        BigInteger value = new BigInteger(text, radix);
        if (radix != 10) {
            // Hex, octal and binary literals denote the two's complement bit pattern of their type.
            boolean isLong = literal.endsWith("L") || literal.endsWith("l");
            return isLong ? value.longValue() : (long) value.intValue();
        }
        if (value.bitLength() <= 63) {
            return value.longValue();
        }
        if (value.equals(BigInteger.ONE.shiftLeft(63)) && e.getParentNode().orElse(null) instanceof UnaryExpr) {
            return value;
        }
        throw new DefinitionSourceException(sources.positionOf(e), "integer literal " + literal + " is out of range");
    }

    private Object narrow(Object value, Expression e) {
        if (value instanceof BigInteger big) {
            if (big.bitLength() <= 63) {
                return big.longValue();
            }
            throw new DefinitionSourceException(sources.positionOf(e), "integer " + e + " is out of range");
        }
        return value;
    }

    private static Double floating(String literal, Expression e) {
        String text = literal.replace("_", "");
        return Double.parseDouble(text);
    }

    /**
     * Uses the declared type of a Fluxa annotation's attribute (when the annotation is one of Fluxa's)
     * to normalise what Java lets users write: a single value where an array is declared becomes a
     * one-element list, an integer literal given to a floating-point attribute becomes a double.
     */
    private Object conformToDeclaredType(String annotation, String attribute, Object value) {
        Class<?> declared = declaredType(annotation, attribute);
        if (declared == null) {
            return value;
        }
        if (declared.isArray()) {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            Class<?> component = declared.getComponentType();
            return values.stream().map(v -> conformScalar(component, v)).toList();
        }
        return conformScalar(declared, value);
    }

    private static Object conformScalar(Class<?> declared, Object value) {
        if ((declared == double.class || declared == float.class) && value instanceof Long l) {
            return l.doubleValue();
        }
        return value;
    }

    private Class<?> declaredType(String annotation, String attribute) {
        try {
            Class<?> type = Class.forName(annotationPackage + annotation, false, AnnotationReader.class.getClassLoader());
            if (!type.isAnnotation()) {
                return null;
            }
            Method method = type.getMethod(attribute);
            return method.getReturnType();
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return null;
        }
    }

    private DefinitionSourceException unsupported(Expression e) {
        return new DefinitionSourceException(sources.positionOf(e), "cannot evaluate annotation value `" + e
                + "` without compiling. Fix: use literals, string concatenation or arithmetic of literals, "
                + "constants declared in the sources, enum constants, or an array {…} of those.");
    }
}
