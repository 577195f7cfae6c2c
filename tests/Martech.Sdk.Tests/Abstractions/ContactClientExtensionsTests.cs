using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public class ContactClientExtensionsTests
{
    [Fact]
    public async Task FindByEmailAsync_String_ParsesThenForwards()
    {
        var client = new RecordingContactClient();
        using var cts = new CancellationTokenSource();

        var found = await client.FindByEmailAsync(" Ada@Example.COM ", cts.Token);

        Assert.Same(client.Contact, found);
        Assert.Equal([EmailAddress.Parse("Ada@example.com"), cts.Token], client.Single(nameof(IContactClient.FindByEmailAsync)).Arguments);
    }

    [Fact]
    public async Task FindByEmailAsync_InvalidString_ThrowsNamingEmailBeforeAnyCall()
    {
        var client = new RecordingContactClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.FindByEmailAsync("not an address"));

        Assert.Equal("email", ex.ParamName);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task ListAllAsync_ReadsEveryPage()
    {
        var client = new RecordingContactClient
        {
            Listing = AsyncPageable.Create<Contact>((token, _, _) => ValueTask.FromResult(token is null
                ? new Page<Contact>([new Contact { Id = "1" }, new Contact { Id = "2" }], "next")
                : new Page<Contact>([new Contact { Id = "3" }], null))),
        };
        var options = new ContactListOptions { PageSize = 2 };

        var all = await client.ListAllAsync(options);

        Assert.Equal(["1", "2", "3"], all.Select(c => c.Id));
        Assert.Same(options, client.Single(nameof(IContactClient.ListAsync)).Arguments[0]);
    }

    [Fact]
    public async Task Extensions_NullClient_ThrowArgumentNullException()
    {
        IContactClient client = null!;

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.FindByEmailAsync("ada@example.com"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ListAllAsync());
        Assert.Throws<ArgumentNullException>(() => client.GetService<object>());
    }
}
