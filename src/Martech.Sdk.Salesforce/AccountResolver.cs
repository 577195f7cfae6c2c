using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Finds the Account for each company name (<see cref="SalesforceOptions.ContactCompanyField"/> <c>"Account.Name"</c>),
/// creating the missing ones in sObject Collections when <see cref="SalesforceOptions.CreateMissingAccounts"/> is on.
/// Names compare ignoring case, as SOQL does; where several Accounts share a name, the contact's current Account wins if
/// it is one of them, otherwise the oldest.
/// </summary>
internal sealed class AccountResolver(SalesforceConnection connection)
{
    /// <summary>The code of a company with no Account when accounts are not created.</summary>
    public const string AccountNotFoundCode = "ACCOUNT_NOT_FOUND";

    private const string Type = "Account";

    /// <summary>Resolves company names.</summary>
    /// <param name="companies">The names; repeats (in any case) are resolved once.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>For each name (keys ignore case), the matching Account ids or why there is none.</returns>
    public async Task<Dictionary<string, AccountMatch>> ResolveAsync(IEnumerable<string> companies, CancellationToken cancellationToken)
    {
        var matches = new Dictionary<string, AccountMatch>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (string company in companies)
        {
            if (matches.TryAdd(company, AccountMatch.Empty))
            {
                names.Add(company);
            }
        }

        var found = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (List<string> group in Soql.Chunk(names))
        {
            try
            {
                string soql = $"SELECT Id, Name FROM {Type} WHERE Name IN {Soql.InList(group)} ORDER BY CreatedDate, Id";
                SalesforceQueryResult result = await connection.QueryAsync(soql, null, "accounts.lookup", cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    foreach (JsonElement record in result.Records)
                    {
                        string? id = record.TryGetProperty("Id", out JsonElement idValue) ? SalesforceValues.String(idValue) : null;
                        string? name = record.TryGetProperty("Name", out JsonElement nameValue) ? SalesforceValues.String(nameValue) : null;
                        if (id is not null && name is not null)
                        {
                            (found.TryGetValue(name, out List<string>? ids) ? ids : found[name] = []).Add(id);
                        }
                    }

                    if (result.Done || result.NextRecordsUrl is null)
                    {
                        break;
                    }

                    result = await connection.QueryMoreAsync(result.NextRecordsUrl, "accounts.lookup", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (MartechException ex)
            {
                var error = new BulkItemError($"The Account for this company could not be looked up: {ex.Message}", (ex as MartechRequestException)?.ErrorCode, "Company", ex);
                foreach (string name in group)
                {
                    matches[name] = new AccountMatch([], error);
                }
            }
        }

        var missing = new List<string>();
        foreach (string name in names)
        {
            if (matches[name].Error is not null)
            {
                continue;
            }

            if (found.TryGetValue(name, out List<string>? ids))
            {
                matches[name] = new AccountMatch(ids, null);
            }
            else if (connection.Options.CreateMissingAccounts)
            {
                missing.Add(name);
            }
            else
            {
                matches[name] = new AccountMatch([], new BulkItemError(
                    $"No Salesforce Account is named '{name}', and {connection.Metadata.Name} does not create Accounts (CreateMissingAccounts is off).",
                    AccountNotFoundCode,
                    "Company"));
            }
        }

        foreach (string[] group in missing.Chunk(SalesforceOptions.MaxBatchSize))
        {
            var records = new List<SObjectRecord>(group.Length);
            foreach (string name in group)
            {
                var record = new SObjectRecord();
                record.Set("Name", name);
                records.Add(record);
            }

            try
            {
                IReadOnlyList<SalesforceSaveResult> results = await connection.CreateCollectionAsync(Type, records, "accounts.batch.create", cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < group.Length; i++)
                {
                    SalesforceSaveResult result = results[i];
                    if (result.Success && result.Id is not null)
                    {
                        matches[group[i]] = new AccountMatch([result.Id], null);
                    }
                    else
                    {
                        BulkItemError error = SalesforceBulk.ToError(result);
                        matches[group[i]] = new AccountMatch([], error with { Message = $"The Account '{group[i]}' could not be created: {error.Message}", Field = "Company" });
                    }
                }
            }
            catch (MartechException ex)
            {
                string maybe = ex.MayHaveBeenProcessed ? " (it may have been created; check before retrying)" : string.Empty;
                var error = new BulkItemError($"The Account for this company could not be created{maybe}: {ex.Message}", (ex as MartechRequestException)?.ErrorCode, "Company", ex);
                foreach (string name in group)
                {
                    matches[name] = new AccountMatch([], error);
                }
            }
        }

        return matches;
    }
}

/// <summary>The Accounts matching a company name, or why there is none.</summary>
/// <param name="Ids">The matching Account ids, oldest first.</param>
/// <param name="Error">Why the company has no Account, or <see langword="null"/>.</param>
internal sealed record AccountMatch(IReadOnlyList<string> Ids, BulkItemError? Error)
{
    public static AccountMatch Empty { get; } = new([], null);

    /// <summary>The Account to use: the contact's current one when it matches, otherwise the oldest.</summary>
    /// <param name="currentAccountId">The contact's current AccountId, if known.</param>
    /// <returns>The id, or <see langword="null"/> when there is none.</returns>
    public string? Choose(string? currentAccountId) =>
        currentAccountId is not null && Ids.Contains(currentAccountId, StringComparer.Ordinal) ? currentAccountId : Ids.Count > 0 ? Ids[0] : null;
}
