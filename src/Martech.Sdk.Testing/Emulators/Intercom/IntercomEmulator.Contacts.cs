using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

public sealed partial class IntercomEmulator
{
    private const int DefaultPerPage = 50;
    private const int MaxPerPage = 150;

    // Cursors are opaque Base64 like Intercom's, and start with bytes that encode to '+' and '/', so a client that
    // does not escape them in a query string is caught.
    private static readonly byte[] CursorPrefix = [0xFB, 0xFF, 0xBF];

    private readonly EmulatorStore<IntercomEmulatedContact> _contacts = new();

    /// <summary>Gets the contacts, in the order added.</summary>
    public IReadOnlyList<IntercomEmulatedContact> Contacts => _contacts.Items;

    /// <summary>Adds a contact.</summary>
    /// <param name="email">The email address, or <see langword="null"/>.</param>
    /// <param name="name">The name, or <see langword="null"/>.</param>
    /// <param name="role"><c>user</c> or <c>lead</c>.</param>
    /// <param name="id">The contact id; <see langword="null"/> for 24 random hex digits, as Intercom's ids look.</param>
    /// <param name="externalId">The workspace's own id for the contact, or <see langword="null"/>.</param>
    /// <param name="phone">The phone number, or <see langword="null"/>.</param>
    /// <returns>The contact.</returns>
    /// <exception cref="ArgumentException"><paramref name="role"/> is not <c>user</c> or <c>lead</c>, or
    /// <paramref name="id"/> is empty or taken.</exception>
    public IntercomEmulatedContact AddContact(string? email, string? name = null, string role = "user", string? id = null, string? externalId = null, string? phone = null)
    {
        if (role is not ("user" or "lead"))
        {
            throw new ArgumentException($"The role must be user or lead (was '{role}').", nameof(role));
        }

        if (id is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id);
        }

        var contact = new IntercomEmulatedContact
        {
            Id = id ?? NewHexId(),
            Role = role,
            Email = email,
            Name = name,
            ExternalId = externalId,
            Phone = phone,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        return _contacts.TryAdd(contact.Id, contact)
            ? contact
            : throw new ArgumentException($"The contact id '{contact.Id}' is taken.", nameof(id));
    }

    private IResult ListContacts(HttpContext context)
    {
        if (Refuse(context.Request, out _) is { } refused)
        {
            return refused;
        }

        IQueryCollection query = context.Request.Query;
        string? perPageText = query.TryGetValue("per_page", out var perPageValues) ? perPageValues[0] : null;
        if (!TryPerPage(perPageText is null ? null : JsonValue.Create(perPageText), out int perPage, out IResult? invalid))
        {
            return invalid!;
        }

        string? cursor = query.TryGetValue("starting_after", out var cursorValues) ? cursorValues[0] : null;
        return Page(cursor, perPage, filter: null);
    }

    private async Task<IResult> SearchContactsAsync(HttpContext context)
    {
        if (Refuse(context.Request, out _) is { } refused)
        {
            return refused;
        }

        var (body, invalid) = await ReadObjectAsync(context.Request).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body!["query"] is not JsonObject query)
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_not_found", "query is required.", "query");
        }

        if (!IntercomEmulatorSearch.TryCompile(query, out Func<IntercomEmulatedContact, bool>? filter, out string? problem))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", problem!, "query");
        }

        JsonObject? pagination = body["pagination"] as JsonObject;
        if (!TryPerPage(pagination?["per_page"], out int perPage, out IResult? badPage))
        {
            return badPage!;
        }

        string? cursor = pagination is null ? null : Text(pagination, "starting_after");
        return Page(cursor, perPage, filter);
    }

    private static bool TryPerPage(JsonNode? node, out int perPage, out IResult? invalid)
    {
        perPage = DefaultPerPage;
        invalid = null;
        if (node is null)
        {
            return true;
        }

        string text = node.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > MaxPerPage)
        {
            invalid = Error(StatusCodes.Status400BadRequest, "parameter_invalid", $"per_page must be between 1 and {MaxPerPage} (was '{text}').", "per_page");
            return false;
        }

        return true;
    }

    private IResult Page(string? cursor, int perPage, Func<IntercomEmulatedContact, bool>? filter)
    {
        string? storeCursor = null;
        int page = 1;
        if (!string.IsNullOrEmpty(cursor) && !TryDecodeCursor(cursor, out storeCursor, out page))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "starting_after is not a valid cursor.", "starting_after");
        }

        if (!_contacts.TryGetPage(storeCursor, perPage, out EmulatorPage<IntercomEmulatedContact>? result, filter))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "starting_after is not a valid cursor.", "starting_after");
        }

        var pages = new Dictionary<string, object?>
        {
            ["type"] = "pages",
            ["page"] = page,
            ["per_page"] = perPage,
            ["total_pages"] = (result.Total + perPage - 1) / perPage,
        };
        if (result.NextCursor is { } next)
        {
            pages["next"] = new Dictionary<string, object?> { ["per_page"] = perPage, ["starting_after"] = EncodeCursor(next, page + 1) };
        }

        var list = new Dictionary<string, object?>
        {
            ["type"] = "list",
            ["data"] = result.Items.Select(ContactResource).ToList(),
            ["total_count"] = result.Total,
            ["pages"] = pages,
        };
        return EmulatorJson.Result(list, StatusCodes.Status200OK, EmulatorJson.SnakeCase);
    }

    private static string EncodeCursor(string storeCursor, int page) =>
        Convert.ToBase64String([.. CursorPrefix, .. Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{storeCursor}:{page}"))]);

    private static bool TryDecodeCursor(string cursor, out string? storeCursor, out int page)
    {
        storeCursor = null;
        page = 0;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!bytes.AsSpan().StartsWith(CursorPrefix))
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(bytes.AsSpan(CursorPrefix.Length));
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 2)
        {
            return false;
        }

        storeCursor = text[..colon];
        return true;
    }

    private static Dictionary<string, object?> ContactResource(IntercomEmulatedContact contact)
    {
        long created = contact.CreatedAt.ToUnixTimeSeconds();
        return new Dictionary<string, object?>
        {
            ["type"] = "contact",
            ["id"] = contact.Id,
            ["workspace_id"] = "emulator",
            ["external_id"] = contact.ExternalId,
            ["role"] = contact.Role,
            ["email"] = contact.Email,
            ["phone"] = contact.Phone,
            ["name"] = contact.Name,
            ["created_at"] = created,
            ["updated_at"] = created,
            ["custom_attributes"] = new Dictionary<string, object?>(),
        };
    }
}
