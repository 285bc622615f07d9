package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.FilterLexer.Kind;
import com.classlark.scim.protocol.filter.FilterLexer.Token;
import com.classlark.scim.protocol.schema.AttrPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recursive descent over the tokens of one filter or path, following the ABNF of RFC 7644 §3.4.2.2
 * (filters) and §3.5.2 (PATH). Precedence, highest first: grouping, {@code not}, {@code and},
 * {@code or}; {@code and} and {@code or} associate to the left. One instance reads one text.
 */
final class FilterGrammar {

  /** A number as RFC 8259 §6 writes it; other unquoted words are strings. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static final String OPERATORS = "(eq, ne, co, sw, ew, pr, gt, ge, lt, le)";

  /** A subtree and its depth as {@link FilterLimits} counts it. */
  private record Parsed(Filter filter, int depth) {}

  private final String source;
  private final ParseTarget target;
  private final FilterLimits limits;
  private final List<Token> tokens;
  private int index;

  FilterGrammar(String source, ParseTarget target, FilterLimits limits) {
    this.source = source;
    this.target = target;
    this.limits = limits;
    this.tokens = FilterLexer.tokenize(source, target);
  }

  /** {@code FILTER} followed by the end of the text. */
  Filter readFilter() {
    if (peek().kind() == Kind.END) {
      throw unexpected("a filter expression", peek());
    }
    Parsed parsed = readOr(0, false);
    Token after = peek();
    if (after.kind() != Kind.END) {
      throw unexpected("'and', 'or' or end of filter", after);
    }
    return parsed.filter();
  }

  /** {@code PATH = attrPath / valuePath [subAttr]} followed by the end of the text. */
  PathExpression readPath() {
    Token first = next();
    if (first.kind() != Kind.WORD) {
      throw unexpected("an attribute path", first);
    }
    AttrPath attribute = AttrPathSyntax.read(first.text(), first.start(), false, target);
    if (peek().kind() != Kind.OPEN_BRACKET) {
      expectEnd("'[' or end of path");
      return new PathExpression(attribute, null, null);
    }
    Token open = next();
    checkValuePathTarget(attribute, open);
    Parsed valueFilter = readOr(1, true);
    Token close = expectClose(Kind.CLOSE_BRACKET, "']'", open);
    checkDepth(valueFilter.depth() + 1, open);
    String subAttribute = readTrailingSubAttribute(close).orElse(null);
    expectEnd("'.' followed by a sub-attribute or end of path");
    return new PathExpression(attribute, valueFilter.filter(), subAttribute);
  }

  private Parsed readOr(int open, boolean inValuePath) {
    Parsed first = readAnd(open, inValuePath);
    if (!peek().isWord("or")) {
      return first;
    }
    Filter tree = first.filter();
    int depth = first.depth();
    while (peek().isWord("or")) {
      Token operator = next();
      Parsed right = readAnd(open, inValuePath);
      tree = new Filter.Or(tree, right.filter());
      depth = Math.max(depth, right.depth());
      checkDepth(depth + 1, operator);
    }
    return new Parsed(tree, depth + 1);
  }

  private Parsed readAnd(int open, boolean inValuePath) {
    Parsed first = readUnary(open, inValuePath);
    if (!peek().isWord("and")) {
      return first;
    }
    Filter tree = first.filter();
    int depth = first.depth();
    while (peek().isWord("and")) {
      Token operator = next();
      Parsed right = readUnary(open, inValuePath);
      tree = new Filter.And(tree, right.filter());
      depth = Math.max(depth, right.depth());
      checkDepth(depth + 1, operator);
    }
    return new Parsed(tree, depth + 1);
  }

  private Parsed readUnary(int open, boolean inValuePath) {
    Token token = peek();
    if (token.kind() == Kind.OPEN_PAREN) {
      next();
      checkDepth(open + 1, token);
      Parsed inner = readOr(open + 1, inValuePath);
      expectClose(Kind.CLOSE_PAREN, "')'", token);
      checkDepth(inner.depth() + 1, token);
      return new Parsed(inner.filter(), inner.depth() + 1);
    }
    if (token.kind() != Kind.WORD) {
      throw unexpected("an attribute path, '(' or 'not'", token);
    }
    if (token.isWord("not") && !isOperatorWord(peekAfter())) {
      next();
      Token paren = next();
      if (paren.kind() != Kind.OPEN_PAREN) {
        throw unexpected("'(' after 'not'", paren);
      }
      checkDepth(open + 1, token);
      Parsed inner = readOr(open + 1, inValuePath);
      expectClose(Kind.CLOSE_PAREN, "')'", paren);
      checkDepth(inner.depth() + 1, token);
      return new Parsed(new Filter.Not(inner.filter()), inner.depth() + 1);
    }
    return readAttributeExpression(open, inValuePath);
  }

  /** {@code attrExp} or {@code valuePath}, optionally followed by {@code .sub op value}. */
  private Parsed readAttributeExpression(int open, boolean inValuePath) {
    Token word = next();
    AttrPath path = AttrPathSyntax.read(word.text(), word.start(), inValuePath, target);
    if (peek().kind() != Kind.OPEN_BRACKET) {
      return new Parsed(readOperatorAndValue(path), 0);
    }
    Token bracket = next();
    if (inValuePath) {
      throw target.error(
          "nested value filter at position " + bracket.start() + " is not allowed inside '[...]'");
    }
    checkValuePathTarget(path, bracket);
    checkDepth(open + 1, bracket);
    Parsed inner = readOr(open + 1, true);
    Token close = expectClose(Kind.CLOSE_BRACKET, "']'", bracket);
    checkDepth(inner.depth() + 1, bracket);
    Optional<String> subAttribute = readTrailingSubAttribute(close);
    if (subAttribute.isEmpty()) {
      return new Parsed(new Filter.ValuePath(path, inner.filter()), inner.depth() + 1);
    }
    Filter onSub = readOperatorAndValue(AttrPath.of(subAttribute.get()));
    Filter combined = new Filter.And(inner.filter(), onSub);
    return new Parsed(new Filter.ValuePath(path, combined), inner.depth() + 1);
  }

  private void checkValuePathTarget(AttrPath path, Token open) {
    if (path.subAttribute() != null) {
      throw target.error(
          "unexpected '[' at position "
              + open.start()
              + ": a value filter follows an attribute"
              + " name, not the sub-attribute '"
              + path
              + "'");
    }
  }

  /** The {@code .sub} written directly after {@code ]}, if any. */
  private Optional<String> readTrailingSubAttribute(Token close) {
    Token after = peek();
    if (after.kind() != Kind.WORD
        || after.start() != close.end()
        || !after.text().startsWith(".")) {
      return Optional.empty();
    }
    next();
    String name = after.text().substring(1);
    AttrPathSyntax.checkName(name, after.start() + 1, target);
    return Optional.of(name);
  }

  private Filter readOperatorAndValue(AttrPath path) {
    Token operator = next();
    if (operator.isWord("pr")) {
      Token after = peek();
      if (after.kind() == Kind.STRING
          || (after.kind() == Kind.WORD && !after.isWord("and") && !after.isWord("or"))) {
        throw target.error(
            "operator 'pr' takes no value but found "
                + describe(after)
                + " at position "
                + after.start());
      }
      return new Filter.Present(path);
    }
    Optional<CompareOp> op =
        operator.kind() == Kind.WORD ? CompareOp.fromKeyword(operator.text()) : Optional.empty();
    if (op.isEmpty()) {
      throw unexpected("an attribute operator " + OPERATORS, operator);
    }
    return new Filter.Compare(path, op.get(), readValue(op.get()));
  }

  /** {@code compValue = false / null / true / number / string}, plus unquoted strings. */
  private ScimValue readValue(CompareOp op) {
    Token token = next();
    if (token.kind() == Kind.STRING) {
      return new ScimValue.Str(token.text());
    }
    if (token.kind() != Kind.WORD || token.isWord("and") || token.isWord("or")) {
      throw unexpected("a comparison value after '" + op.keyword() + "'", token);
    }
    String word = token.text();
    if (word.equalsIgnoreCase("true")) {
      return new ScimValue.Bool(true);
    }
    if (word.equalsIgnoreCase("false")) {
      return new ScimValue.Bool(false);
    }
    if (word.equalsIgnoreCase("null")) {
      return new ScimValue.Null();
    }
    if (JSON_NUMBER.matcher(word).matches()) {
      return new ScimValue.Num(new BigDecimal(word));
    }
    return new ScimValue.Str(word);
  }

  private boolean isOperatorWord(Token token) {
    return token.isWord("pr")
        || (token.kind() == Kind.WORD && CompareOp.fromKeyword(token.text()).isPresent());
  }

  private Token expectClose(Kind kind, String closer, Token opener) {
    Token token = next();
    if (token.kind() == kind) {
      return token;
    }
    if (token.kind() == Kind.END) {
      throw target.error(
          "expected "
              + closer
              + " at position "
              + token.start()
              + " but found end of "
              + target.noun()
              + " (the "
              + describe(opener)
              + " at offset "
              + opener.start()
              + " is not closed)");
    }
    throw unexpected("'and', 'or' or " + closer, token);
  }

  private void expectEnd(String expected) {
    Token token = peek();
    if (token.kind() != Kind.END) {
      throw unexpected(expected, token);
    }
  }

  private void checkDepth(int depth, Token at) {
    if (depth > limits.maxDepth()) {
      throw target.error(
          "the "
              + target.noun()
              + " nests deeper than the limit of "
              + limits.maxDepth()
              + " levels at position "
              + at.start());
    }
  }

  private ScimException unexpected(String expected, Token found) {
    return target.error(
        "expected " + expected + " at position " + found.start() + " but found " + describe(found));
  }

  private String describe(Token token) {
    return FilterLexer.describe(source, token, target);
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAfter() {
    return tokens.get(Math.min(index + 1, tokens.size() - 1));
  }

  private Token next() {
    Token token = tokens.get(index);
    if (token.kind() != Kind.END) {
      index++;
    }
    return token;
  }
}
