package com.classlark.scim.protocol.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits filter or path text into tokens, each with its 0-based character offset in the original
 * text (RFC 7644 §3.4.2.2). Quoted strings are JSON strings (RFC 8259 §7) and are decoded here.
 * Everything else that is not whitespace, a parenthesis, a bracket or a quote is a word: attribute
 * paths, operators, {@code and}/{@code or}/{@code not}, and unquoted values such as {@code true},
 * {@code 42} or, leniently, {@code bjensen@example.com}.
 */
final class FilterLexer {

  enum Kind {
    WORD,
    STRING,
    OPEN_PAREN,
    CLOSE_PAREN,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    END
  }

  /**
   * @param text the word, or the decoded content of a string; empty for punctuation and the end
   * @param start offset of the first character in the original text
   * @param end offset just past the last character
   */
  record Token(Kind kind, String text, int start, int end) {

    boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  /** The part of a number before its exponent sign, so that {@code 1e+5} keeps its {@code +}. */
  private static final Pattern NUMBER_BEFORE_EXPONENT_SIGN =
      Pattern.compile("-?[0-9]+(\\.[0-9]+)?[eE]");

  private final String source;
  private final ParseTarget target;
  private int position;

  private FilterLexer(String source, ParseTarget target) {
    this.source = source;
    this.target = target;
  }

  /** Tokenizes the whole text; the last token is always {@link Kind#END}. */
  static List<Token> tokenize(String source, ParseTarget target) {
    return new FilterLexer(source, target).readAll();
  }

  /** How a token appears in an error detail. */
  static String describe(String source, Token token, ParseTarget target) {
    return token.kind() == Kind.END
        ? "end of " + target.noun()
        : "'" + source.substring(token.start(), token.end()) + "'";
  }

  private List<Token> readAll() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpace();
      if (position >= source.length()) {
        tokens.add(new Token(Kind.END, "", source.length(), source.length()));
        return tokens;
      }
      tokens.add(readToken());
    }
  }

  private void skipSpace() {
    while (position < source.length() && isSpace(source.charAt(position))) {
      position++;
    }
  }

  private boolean isSpace(char character) {
    return Character.isWhitespace(character) || (character == '+' && target.plusIsSpace());
  }

  private Token readToken() {
    int start = position;
    char character = source.charAt(position);
    return switch (character) {
      case '(' -> punctuation(Kind.OPEN_PAREN, start);
      case ')' -> punctuation(Kind.CLOSE_PAREN, start);
      case '[' -> punctuation(Kind.OPEN_BRACKET, start);
      case ']' -> punctuation(Kind.CLOSE_BRACKET, start);
      case '"' -> readString(start);
      default -> readWord(start);
    };
  }

  private Token punctuation(Kind kind, int start) {
    position++;
    return new Token(kind, "", start, position);
  }

  private Token readWord(int start) {
    while (position < source.length() && continuesWord(start, source.charAt(position))) {
      position++;
    }
    return new Token(Kind.WORD, source.substring(start, position), start, position);
  }

  private boolean continuesWord(int start, char character) {
    if (character == '+' && target.plusIsSpace()) {
      return NUMBER_BEFORE_EXPONENT_SIGN.matcher(source.substring(start, position)).matches();
    }
    return !Character.isWhitespace(character) && "()[]\"".indexOf(character) < 0;
  }

  private Token readString(int start) {
    StringBuilder decoded = new StringBuilder();
    position++;
    while (position < source.length()) {
      char character = source.charAt(position);
      if (character == '"') {
        position++;
        return new Token(Kind.STRING, decoded.toString(), start, position);
      }
      if (character == '\\') {
        decoded.append(readEscape());
      } else {
        decoded.append(character);
        position++;
      }
    }
    throw target.error(
        "unterminated string starting at position " + start + ": missing closing '\"'");
  }

  /** Reads one escape sequence of RFC 8259 §7 starting at the backslash. */
  private char readEscape() {
    int backslash = position;
    if (backslash + 1 >= source.length()) {
      throw target.error("incomplete escape sequence at position " + backslash);
    }
    char escaped = source.charAt(backslash + 1);
    position += 2;
    return switch (escaped) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> readUnicodeEscape(backslash);
      default ->
          throw target.error(
              "invalid escape sequence '\\"
                  + escaped
                  + "' at position "
                  + backslash
                  + "; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    };
  }

  private char readUnicodeEscape(int backslash) {
    int digitsEnd = backslash + 6;
    if (digitsEnd > source.length()) {
      throw target.error("incomplete \\u escape at position " + backslash);
    }
    String digits = source.substring(backslash + 2, digitsEnd);
    for (int index = 0; index < digits.length(); index++) {
      if (Character.digit(digits.charAt(index), 16) < 0) {
        throw target.error(
            "invalid \\u escape at position "
                + backslash
                + ": expected 4 hex digits but found '"
                + digits
                + "'");
      }
    }
    position = digitsEnd;
    return (char) Integer.parseInt(digits, 16);
  }
}
