using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Streams an object's records with SOQL, ordered by <c>Id</c>, as an <see cref="AsyncPageable{T}"/>.
/// </summary>
/// <remarks>
/// <para>Pages of 200 records or more ask Salesforce for that batch size (<c>Sforce-Query-Options: batchSize</c>) and use
/// its <c>nextRecordsUrl</c> as the continuation token, as is. Salesforce accepts no batch smaller than 200, so a smaller
/// page is read with <c>LIMIT size+1</c> (the extra record says whether there is more) and continues with an id cursor,
/// <c>{type}&gt;{last id}</c>, which adds <c>Id &gt; 'last id'</c> to the query. A page that would be larger than asked
/// (a <c>nextRecordsUrl</c> resumed with a smaller page size) is cut and continues with an id cursor too. Both kinds of
/// token resume the listing; a <c>nextRecordsUrl</c> lives only as long as Salesforce keeps the query cursor open, an id
/// cursor for ever (give the same filters again when resuming with one).</para>
/// </remarks>
internal static class SoqlListing
{
    /// <summary>Checks a continuation token before any call.</summary>
    /// <param name="token">The token, or <see langword="null"/>.</param>
    /// <param name="type">The sObject type listed.</param>
    /// <param name="paramName">The name reported.</param>
    /// <exception cref="ArgumentException">The token is neither a Salesforce <c>nextRecordsUrl</c> nor an id cursor of this
    /// object type.</exception>
    public static void ValidateToken(string? token, string type, string paramName)
    {
        if (token is not null && !SalesforceConnection.IsNextRecordsUrl(token) && TryParseCursor(token, type) is null)
        {
            throw new ArgumentException(
                $"The continuation token '{token}' was not issued by a Salesforce {type} listing (expected a nextRecordsUrl or '{type}>' followed by a record id).",
                paramName);
        }
    }

    /// <summary>Creates the listing.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="type">The sObject type.</param>
    /// <param name="selectList">Builds the field list (may read the describe).</param>
    /// <param name="conditions">Filters joined with AND; the id cursor is added to them.</param>
    /// <param name="map">Maps one record.</param>
    /// <param name="options">Page size and resume token.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="onEmptyFirstPage">Called when the very first page is empty, to check that a parent exists.</param>
    /// <param name="cancellationToken">The listing's token.</param>
    /// <returns>The pageable.</returns>
    public static AsyncPageable<T> Create<T>(
        SalesforceConnection connection,
        string type,
        Func<CancellationToken, Task<string>> selectList,
        IReadOnlyList<string> conditions,
        Func<JsonElement, T> map,
        ListOptions? options,
        string operation,
        Func<CancellationToken, Task>? onEmptyFirstPage,
        CancellationToken cancellationToken)
    {
        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "ListOptions.PageSize must be positive.");
        }

        ValidateToken(options?.ContinuationToken, type, nameof(options));
        int defaultSize = Math.Min(options?.PageSize ?? connection.Options.DefaultPageSize, SalesforceOptions.MaxPageSize);
        return AsyncPageable.Create<T>(
            async (token, hint, ct) =>
            {
                ValidateToken(token, type, "continuationToken");
                int size = Math.Clamp(hint ?? defaultSize, 1, SalesforceOptions.MaxPageSize);
                SalesforceQueryResult result;
                bool limited = false;
                if (SalesforceConnection.IsNextRecordsUrl(token))
                {
                    result = await connection.QueryMoreAsync(token!, operation, ct).ConfigureAwait(false);
                }
                else
                {
                    string? after = token is null ? null : TryParseCursor(token, type);
                    limited = size < SalesforceOptions.MinQueryBatchSize;
                    string soql = BuildQuery(await selectList(ct).ConfigureAwait(false), type, conditions, after, limited ? size + 1 : null);
                    int? batchSize = limited || size == SalesforceOptions.MaxPageSize ? null : size;
                    result = await connection.QueryAsync(soql, batchSize, operation, ct).ConfigureAwait(false);
                }

                List<JsonElement> records = result.Records ?? [];
                string? next;
                int take = records.Count;
                if (records.Count > size)
                {
                    take = size;
                    next = Cursor(type, records[size - 1]);
                }
                else
                {
                    next = limited || result.Done ? null : result.NextRecordsUrl;
                }

                var items = new T[take];
                for (int i = 0; i < take; i++)
                {
                    items[i] = map(records[i]);
                }

                if (take == 0 && token is null && onEmptyFirstPage is not null)
                {
                    await onEmptyFirstPage(ct).ConfigureAwait(false);
                }

                return new Page<T>(items, next);
            },
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    /// <summary>Builds <c>SELECT … FROM type [WHERE …] ORDER BY Id [LIMIT n]</c>.</summary>
    internal static string BuildQuery(string selectList, string type, IReadOnlyList<string> conditions, string? afterId, int? limit)
    {
        var sb = new StringBuilder("SELECT ").Append(selectList).Append(" FROM ").Append(type);
        bool first = true;
        foreach (string condition in conditions)
        {
            sb.Append(first ? " WHERE " : " AND ").Append(condition);
            first = false;
        }

        if (afterId is not null)
        {
            sb.Append(first ? " WHERE " : " AND ").Append("Id > ").Append(Soql.Quote(afterId));
        }

        sb.Append(" ORDER BY Id");
        if (limit is int n)
        {
            sb.Append(" LIMIT ").Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string Cursor(string type, JsonElement record) =>
        record.TryGetProperty("Id", out JsonElement id) && id.ValueKind == JsonValueKind.String && SalesforceIds.IsWellFormed(id.GetString())
            ? $"{type}>{id.GetString()}"
            : throw new MartechTransportException($"A Salesforce {type} record came back without an Id; the listing cannot continue after it.");

    private static string? TryParseCursor(string token, string type)
    {
        if (token.Length == type.Length + 1 + 18 || token.Length == type.Length + 1 + 15)
        {
            if (token.StartsWith(type, StringComparison.Ordinal) && token[type.Length] == '>')
            {
                string id = token[(type.Length + 1)..];
                return SalesforceIds.IsWellFormed(id) ? id : null;
            }
        }

        return null;
    }
}
