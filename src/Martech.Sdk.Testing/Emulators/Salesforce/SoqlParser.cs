using System.Globalization;
using System.Text;

namespace Martech.Sdk.Testing;

/// <summary>
/// Parses the SOQL subset the Salesforce emulator answers: <c>SELECT</c> fields, relationship paths, <c>FIELDS()</c>,
/// <c>COUNT()</c> and <c>COUNT(field) alias</c>; <c>FROM</c> one object; <c>WHERE</c> with AND, OR, NOT, parentheses,
/// comparisons, <c>IN</c>, <c>NOT IN</c> and <c>LIKE</c> against string, number, boolean, null, datetime and date literals;
/// <c>GROUP BY</c>, <c>ORDER BY … ASC|DESC NULLS FIRST|LAST</c>, <c>LIMIT</c> and <c>OFFSET</c>. Anything else is refused
/// with <c>MALFORMED_QUERY</c>, as Salesforce refuses what it cannot parse.
/// </summary>
internal sealed class SoqlParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST",
        "LIMIT", "OFFSET", "GROUP", "NULL", "TRUE", "FALSE",
    };

    private readonly List<Token> _tokens;
    private int _position;

    private SoqlParser(List<Token> tokens) => _tokens = tokens;

    private enum TokenKind
    {
        Word,
        String,
        Number,
        Symbol,
        End,
    }

    /// <summary>Parses a statement.</summary>
    /// <param name="soql">The statement.</param>
    /// <returns>The query.</returns>
    /// <exception cref="SoqlException">The statement is not valid SOQL the emulator understands.</exception>
    public static SoqlQuery Parse(string soql)
    {
        if (string.IsNullOrWhiteSpace(soql))
        {
            throw Malformed("The query is empty.");
        }

        return new SoqlParser(Tokenize(soql)).ParseQuery();
    }

    private static SoqlException Malformed(string message) => new("MALFORMED_QUERY", message);

    private static List<Token> Tokenize(string soql)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < soql.Length)
        {
            char c = soql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= soql.Length)
                    {
                        throw Malformed("A string literal is not closed.");
                    }

                    char s = soql[i++];
                    if (s == '\'')
                    {
                        break;
                    }

                    if (s == '\\')
                    {
                        if (i >= soql.Length)
                        {
                            throw Malformed("A string literal ends with a lone backslash.");
                        }

                        char e = soql[i++];
                        sb.Append(e switch
                        {
                            'n' => '\n',
                            'r' => '\r',
                            't' => '\t',
                            'b' => '\b',
                            'f' => '\f',
                            '\'' or '"' or '\\' or '%' or '_' => e,
                            _ => throw Malformed($"Invalid escape sequence \\{e} in a string literal."),
                        });
                        continue;
                    }

                    sb.Append(s);
                }

                tokens.Add(new Token(TokenKind.String, sb.ToString()));
                continue;
            }

            if (char.IsAsciiDigit(c) || ((c == '-' || c == '+') && i + 1 < soql.Length && char.IsAsciiDigit(soql[i + 1]) && PreviousAllowsNumber(tokens)))
            {
                int start = i++;
                while (i < soql.Length && (char.IsAsciiLetterOrDigit(soql[i]) || soql[i] is '.' or ':' or '-' or '+'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, soql[start..i]));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                int start = i++;
                while (i < soql.Length && (char.IsAsciiLetterOrDigit(soql[i]) || soql[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, soql[start..i]));
                continue;
            }

            string symbol = c switch
            {
                '!' when i + 1 < soql.Length && soql[i + 1] == '=' => "!=",
                '<' when i + 1 < soql.Length && soql[i + 1] == '=' => "<=",
                '<' when i + 1 < soql.Length && soql[i + 1] == '>' => "!=",
                '>' when i + 1 < soql.Length && soql[i + 1] == '=' => ">=",
                '=' or '<' or '>' or '(' or ')' or ',' => c.ToString(),
                _ => throw Malformed($"Unexpected character '{c}' at position {i}."),
            };
            i += symbol == "!=" || symbol.Length == 2 ? 2 : 1;
            tokens.Add(new Token(TokenKind.Symbol, symbol));
        }

        tokens.Add(new Token(TokenKind.End, string.Empty));
        return tokens;
    }

    private static bool PreviousAllowsNumber(List<Token> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind == TokenKind.Symbol && tokens[^1].Text != ")";

    private Token Peek => _tokens[_position];

    private SoqlQuery ParseQuery()
    {
        ExpectWord("SELECT");
        var select = new List<SoqlSelectItem>();
        do
        {
            select.Add(ParseSelectItem());
        }
        while (TrySymbol(","));

        ExpectWord("FROM");
        string from = ExpectIdentifier("an object name after FROM");
        SoqlCondition? where = null;
        if (TryWord("WHERE"))
        {
            where = ParseOr();
        }

        var groupBy = new List<string>();
        if (TryWord("GROUP"))
        {
            ExpectWord("BY");
            do
            {
                groupBy.Add(ExpectIdentifier("a field after GROUP BY"));
            }
            while (TrySymbol(","));
        }

        var orderBy = new List<SoqlOrder>();
        if (TryWord("ORDER"))
        {
            ExpectWord("BY");
            do
            {
                string path = ExpectIdentifier("a field after ORDER BY");
                bool descending = false;
                if (TryWord("DESC"))
                {
                    descending = true;
                }
                else
                {
                    TryWord("ASC");
                }

                bool nullsLast = descending;
                if (TryWord("NULLS"))
                {
                    if (TryWord("LAST"))
                    {
                        nullsLast = true;
                    }
                    else
                    {
                        ExpectWord("FIRST");
                        nullsLast = false;
                    }
                }

                orderBy.Add(new SoqlOrder(path, descending, nullsLast));
            }
            while (TrySymbol(","));
        }

        int? limit = null;
        int? offset = null;
        if (TryWord("LIMIT"))
        {
            limit = ExpectInteger("LIMIT");
        }

        if (TryWord("OFFSET"))
        {
            offset = ExpectInteger("OFFSET");
        }

        if (Peek.Kind != TokenKind.End)
        {
            throw Malformed($"Unexpected token '{Peek.Text}' after the end of the query.");
        }

        return new SoqlQuery { Select = select, From = from, Where = where, GroupBy = groupBy, OrderBy = orderBy, Limit = limit, Offset = offset };
    }

    private SoqlSelectItem ParseSelectItem()
    {
        Token token = Peek;
        if (token.Kind == TokenKind.Word && string.Equals(token.Text, "FIELDS", StringComparison.OrdinalIgnoreCase) && _tokens[_position + 1].Text == "(")
        {
            _position += 2;
            string group = ExpectIdentifier("STANDARD, CUSTOM or ALL").ToUpperInvariant();
            if (group is not ("STANDARD" or "CUSTOM" or "ALL"))
            {
                throw Malformed($"FIELDS({group}) is not a field group; use STANDARD, CUSTOM or ALL.");
            }

            ExpectSymbol(")");
            return new SoqlSelectItem(SoqlSelectKind.Fields, group);
        }

        if (token.Kind == TokenKind.Word && string.Equals(token.Text, "COUNT", StringComparison.OrdinalIgnoreCase) && _tokens[_position + 1].Text == "(")
        {
            _position += 2;
            if (TrySymbol(")"))
            {
                return new SoqlSelectItem(SoqlSelectKind.CountAll, string.Empty);
            }

            string field = ExpectIdentifier("a field in COUNT()");
            ExpectSymbol(")");
            string? alias = Peek.Kind == TokenKind.Word && !Keywords.Contains(Peek.Text) ? _tokens[_position++].Text : null;
            return new SoqlSelectItem(SoqlSelectKind.Count, field, alias);
        }

        return new SoqlSelectItem(SoqlSelectKind.Field, ExpectIdentifier("a field in the SELECT list"));
    }

    private SoqlCondition ParseOr()
    {
        SoqlCondition left = ParseAnd();
        while (TryWord("OR"))
        {
            left = new SoqlOr(left, ParseAnd());
        }

        return left;
    }

    private SoqlCondition ParseAnd()
    {
        SoqlCondition left = ParseUnary();
        while (TryWord("AND"))
        {
            left = new SoqlAnd(left, ParseUnary());
        }

        return left;
    }

    private SoqlCondition ParseUnary()
    {
        if (TryWord("NOT"))
        {
            return new SoqlNot(ParseUnary());
        }

        if (TrySymbol("("))
        {
            SoqlCondition inner = ParseOr();
            ExpectSymbol(")");
            return inner;
        }

        string path = ExpectIdentifier("a field in WHERE");
        if (TryWord("NOT"))
        {
            ExpectWord("IN");
            return new SoqlComparison(path, "NOT IN", ParseList());
        }

        if (TryWord("IN"))
        {
            return new SoqlComparison(path, "IN", ParseList());
        }

        if (TryWord("LIKE"))
        {
            SoqlLiteral pattern = ParseLiteral();
            if (pattern.Kind != SoqlLiteralKind.String)
            {
                throw Malformed("LIKE needs a string pattern.");
            }

            return new SoqlComparison(path, "LIKE", [pattern]);
        }

        Token op = Peek;
        if (op.Kind != TokenKind.Symbol || op.Text is not ("=" or "!=" or "<" or "<=" or ">" or ">="))
        {
            throw Malformed($"Expected a comparison operator after '{path}', found '{op.Text}'.");
        }

        _position++;
        return new SoqlComparison(path, op.Text, [ParseLiteral()]);
    }

    private List<SoqlLiteral> ParseList()
    {
        ExpectSymbol("(");
        var values = new List<SoqlLiteral>();
        do
        {
            values.Add(ParseLiteral());
        }
        while (TrySymbol(","));

        ExpectSymbol(")");
        return values;
    }

    private SoqlLiteral ParseLiteral()
    {
        Token token = _tokens[_position++];
        switch (token.Kind)
        {
            case TokenKind.String:
                return new SoqlLiteral(SoqlLiteralKind.String, token.Text);
            case TokenKind.Word when string.Equals(token.Text, "null", StringComparison.OrdinalIgnoreCase):
                return new SoqlLiteral(SoqlLiteralKind.Null);
            case TokenKind.Word when string.Equals(token.Text, "true", StringComparison.OrdinalIgnoreCase):
                return new SoqlLiteral(SoqlLiteralKind.Boolean, Boolean: true);
            case TokenKind.Word when string.Equals(token.Text, "false", StringComparison.OrdinalIgnoreCase):
                return new SoqlLiteral(SoqlLiteralKind.Boolean, Boolean: false);
            case TokenKind.Number:
                return ParseNumberLike(token.Text);
            default:
                throw Malformed($"Expected a value, found '{token.Text}'.");
        }
    }

    private static SoqlLiteral ParseNumberLike(string text)
    {
        if (text.Contains('T', StringComparison.Ordinal))
        {
            // Datetimes are written unquoted: 2025-03-01T12:30:00Z, with optional fractions and an offset.
            if (DateTimeOffset.TryParseExact(
                text,
                ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFzzz"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out DateTimeOffset moment))
            {
                return new SoqlLiteral(SoqlLiteralKind.DateTime, text, Moment: moment);
            }

            throw Malformed($"'{text}' is not a valid datetime literal (use 2025-03-01T12:30:00Z).");
        }

        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                return new SoqlLiteral(SoqlLiteralKind.Date, text, Moment: new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            }

            throw Malformed($"'{text}' is not a valid date literal.");
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
        {
            return new SoqlLiteral(SoqlLiteralKind.Number, text, number);
        }

        throw Malformed($"'{text}' is not a valid value.");
    }

    private int ExpectInteger(string clause)
    {
        Token token = _tokens[_position++];
        if (token.Kind == TokenKind.Number && int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        throw Malformed($"{clause} needs a whole number, found '{token.Text}'.");
    }

    private string ExpectIdentifier(string what)
    {
        Token token = Peek;
        if (token.Kind != TokenKind.Word || (Keywords.Contains(token.Text) && !token.Text.Contains('.', StringComparison.Ordinal)))
        {
            throw Malformed($"Expected {what}, found '{token.Text}'.");
        }

        _position++;
        return token.Text;
    }

    private void ExpectWord(string word)
    {
        if (!TryWord(word))
        {
            throw Malformed($"Expected {word}, found '{Peek.Text}'.");
        }
    }

    private bool TryWord(string word)
    {
        if (Peek.Kind == TokenKind.Word && string.Equals(Peek.Text, word, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }

        return false;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Malformed($"Expected '{symbol}', found '{Peek.Text}'.");
        }
    }

    private bool TrySymbol(string symbol)
    {
        if (Peek.Kind == TokenKind.Symbol && Peek.Text == symbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    private readonly record struct Token(TokenKind Kind, string Text);
}
