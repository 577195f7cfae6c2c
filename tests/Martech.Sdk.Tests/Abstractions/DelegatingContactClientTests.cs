using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingContactClientTests : DelegatingTests<IContactClient, DelegatingContactClient, RecordingContactClient>
{
    [Fact]
    public async Task GetAsync_ForwardsAndReturnsInnerResult()
    {
        var result = await Client.GetAsync("c1", Token);

        Assert.Same(Inner.Contact, result);
        Assert.Equal(["c1", Token], Inner.Single(nameof(IContactClient.GetAsync)).Arguments);
    }

    [Fact]
    public async Task FindByEmailAsync_ForwardsAndReturnsInnerResult()
    {
        var email = EmailAddress.Parse("ada@example.com");

        var result = await Client.FindByEmailAsync(email, Token);

        Assert.Same(Inner.Contact, result);
        Assert.Equal([email, Token], Inner.Single(nameof(IContactClient.FindByEmailAsync)).Arguments);
    }

    [Fact]
    public async Task FindByEmailsAsync_ForwardsAndReturnsInnerResult()
    {
        EmailAddress[] emails = [EmailAddress.Parse("ada@example.com")];

        var result = await Client.FindByEmailsAsync(emails, Token);

        Assert.Same(Inner.Found, result);
        Assert.Equal([emails, Token], Inner.Single(nameof(IContactClient.FindByEmailsAsync)).Arguments);
    }

    [Fact]
    public async Task FindByEmailsAsync_DefaultImplementation_LooksUpEachDistinctAddress()
    {
        IContactClient plain = new OnlySingleLookups();

        IReadOnlyDictionary<EmailAddress, Contact> found = await plain.FindByEmailsAsync([EmailAddress.Parse("a@example.com"), EmailAddress.Parse("A@example.com"), EmailAddress.Parse("missing@example.com")]);

        Assert.Equal(["a@example.com"], found.Keys.Select(k => k.Value));
        Assert.Equal(2, ((OnlySingleLookups)plain).Lookups);
        await Assert.ThrowsAsync<ArgumentException>(() => plain.FindByEmailsAsync([default]));
    }

    [Fact]
    public async Task UpsertAsync_ForwardsAndReturnsInnerResult()
    {
        var contact = new Contact();
        var options = new ContactUpsertOptions { MatchBy = ContactMatchKey.Email };

        var result = await Client.UpsertAsync(contact, options, Token);

        Assert.Same(Inner.UpsertResult, result);
        Assert.Equal([contact, options, Token], Inner.Single(nameof(IContactClient.UpsertAsync)).Arguments);
    }

    [Fact]
    public async Task UpsertManyAsync_ForwardsAndReturnsInnerResult()
    {
        Contact[] contacts = [new Contact()];
        var options = new ContactUpsertOptions();

        var result = await Client.UpsertManyAsync(contacts, options, Token);

        Assert.Same(Inner.BulkResult, result);
        Assert.Equal([contacts, options, Token], Inner.Single(nameof(IContactClient.UpsertManyAsync)).Arguments);
    }

    [Fact]
    public void ListAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new ContactListOptions { PageSize = 5 };

        var result = Client.ListAsync(options, Token);

        Assert.Same(Inner.Listing, result);
        Assert.Equal([options, Token], Inner.Single(nameof(IContactClient.ListAsync)).Arguments);
    }

    [Fact]
    public async Task DeleteAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new ContactDeleteOptions { Erase = true };

        Assert.True(await Client.DeleteAsync("c1", options, Token));
        Assert.Equal(["c1", options, Token], Inner.Single(nameof(IContactClient.DeleteAsync)).Arguments);
    }

    [Fact]
    public void GetServiceOfT_FindsInnerThroughThePipeline()
    {
        Assert.Same(Inner, ((IContactClient)Client).GetService<RecordingContactClient>());
        Assert.Same(Client, ((IContactClient)Client).GetService<DelegatingContactClient>());
    }

    protected override DelegatingContactClient Wrap(IContactClient inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(IContactClient client)
    {
        await client.GetAsync("c1", Token);
        await client.FindByEmailAsync(EmailAddress.Parse("a@example.com"), Token);
        await client.FindByEmailsAsync([EmailAddress.Parse("a@example.com")], Token);
        await client.UpsertAsync(new Contact(), null, Token);
        await client.UpsertManyAsync([], null, Token);
        client.ListAsync(null, Token);
        await client.DeleteAsync("c1", null, Token);
    }

    private sealed class Forwarding(IContactClient inner) : DelegatingContactClient(inner);

    /// <summary>A provider that implements only the single look-up: the interface's default covers the batch one.</summary>
    private sealed class OnlySingleLookups : IContactClient
    {
        public int Lookups { get; private set; }

        public Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return Task.FromResult(email.Value == "a@example.com" ? new Contact { Id = "1", Email = email } : null);
        }

        public Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
