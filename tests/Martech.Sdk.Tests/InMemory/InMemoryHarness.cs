using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

/// <summary>One in-memory provider instance built by hand (no container): a store on a fake clock and its five clients.</summary>
internal sealed class InMemoryHarness
{
    public const string Name = "InMemory";

    public InMemoryHarness(Action<InMemoryProviderOptions>? configure = null)
    {
        configure?.Invoke(Options);
        Store = new InMemoryMartechStore(Clock);
        Contacts = new InMemoryContactClient(Metadata, Store, Options);
        Leads = new InMemoryLeadClient(Metadata, Store, Options);
        Campaigns = new InMemoryCampaignClient(Metadata, Store, Options);
        Email = new InMemoryEmailSender(Metadata, Store, Options);
        Messages = new InMemoryMessageSender(Metadata, Store, Options);
    }

    public static MartechProviderMetadata Metadata { get; } = new(Name, "InMemory");

    public ManualTimeProvider Clock { get; } = new();

    public InMemoryProviderOptions Options { get; } = new();

    public InMemoryMartechStore Store { get; }

    public IContactClient Contacts { get; }

    public ILeadClient Leads { get; }

    public ICampaignClient Campaigns { get; }

    public IEmailSender Email { get; }

    public IMessageSender Messages { get; }

    public static EmailAddress Address(string value) => EmailAddress.Parse(value);

    public static Contact ContactWith(string email, string? firstName = null) => new() { Email = Address(email), FirstName = firstName };

    public async Task<Contact> AddContactAsync(string email, string? firstName = null) =>
        (await Contacts.UpsertAsync(ContactWith(email, firstName))).Value;

    public static EmailMessage EmailTo(string campaignId, params string[] recipients)
    {
        var message = new EmailMessage
        {
            From = Address("news@brand.example"),
            Subject = "Spring launch",
            TextBody = "Hello",
            CampaignId = campaignId,
        };
        foreach (string recipient in recipients)
        {
            message.To.Add(Address(recipient));
        }

        return message;
    }

    public static async Task<List<Page<T>>> ReadPagesAsync<T>(AsyncPageable<T> pageable, string? token = null, int? pageSize = null)
    {
        var pages = new List<Page<T>>();
        await foreach (Page<T> page in pageable.AsPages(token, pageSize))
        {
            pages.Add(page);
        }

        return pages;
    }

    public static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var all = new List<T>();
        await foreach (T item in items)
        {
            all.Add(item);
        }

        return all;
    }
}
