using Martech.Sdk.Tests.InMemory;

namespace Martech.Sdk.Tests.Webhooks;

public class ContactEventOrderingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryWebhookEventStore _store = new(1000, TimeSpan.FromHours(1), new FakeTimeProvider());

    private static ContactEvent Change(string id, DateTimeOffset at, params (string Name, string? Value)[] properties) => new()
    {
        Id = id,
        Provider = "HubSpot",
        Type = ContactEventType.Changed,
        ContactId = "123",
        ChangedAt = at,
        ChangedProperties = properties.ToDictionary(p => p.Name, p => p.Value),
    };

    [Fact]
    public async Task StaleChangeOfAProperty_IsSuperseded_OtherPropertiesAreIndependent()
    {
        Assert.NotNull(await ContactEventOrdering.ApplyAsync(_store, Change("2", T0.AddSeconds(2), ("email", "new@example.com")), default));

        ContactEvent? stale = await ContactEventOrdering.ApplyAsync(_store, Change("1", T0.AddSeconds(1), ("email", "old@example.com")), default);
        ContactEvent? other = await ContactEventOrdering.ApplyAsync(_store, Change("3", T0.AddSeconds(1), ("phone", "+1")), default);

        Assert.Null(stale);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task MixedChange_KeepsOnlyTheNewerProperties()
    {
        await ContactEventOrdering.ApplyAsync(_store, Change("2", T0.AddSeconds(5), ("email", "new@example.com")), default);

        ContactEvent? kept = await ContactEventOrdering.ApplyAsync(_store, Change("1", T0.AddSeconds(3), ("email", "old@example.com"), ("firstname", "Ada")), default);

        Assert.Equal(["firstname"], kept!.ChangedProperties.Keys);
    }

    [Fact]
    public async Task ChangeOlderThanADeletion_IsSuperseded_AndSoIsALateCreation()
    {
        var deleted = new ContactEvent { Id = "d", Provider = "HubSpot", Type = ContactEventType.Deleted, ContactId = "123", ChangedAt = T0.AddSeconds(10) };
        var created = new ContactEvent { Id = "c", Provider = "HubSpot", Type = ContactEventType.Created, ContactId = "123", ChangedAt = T0 };
        Assert.NotNull(await ContactEventOrdering.ApplyAsync(_store, deleted, default));

        Assert.Null(await ContactEventOrdering.ApplyAsync(_store, Change("x", T0.AddSeconds(9), ("email", "a@b.example")), default));
        Assert.Null(await ContactEventOrdering.ApplyAsync(_store, created, default));
        Assert.NotNull(await ContactEventOrdering.ApplyAsync(_store, Change("y", T0.AddSeconds(11), ("email", "a@b.example")), default));
    }

    [Fact]
    public async Task SameEventRetried_IsNotStale_AndOtherContactsAreIndependent()
    {
        ContactEvent change = Change("1", T0, ("email", "a@b.example"));

        Assert.NotNull(await ContactEventOrdering.ApplyAsync(_store, change, default));
        Assert.NotNull(await ContactEventOrdering.ApplyAsync(_store, change, default));
        Assert.NotNull(await ContactEventOrdering.ApplyAsync(_store, change with { ContactId = "999", ChangedAt = T0.AddSeconds(-60) }, default));
    }

    [Fact]
    public async Task WithoutChangedAt_OccurredAtOrders()
    {
        await ContactEventOrdering.ApplyAsync(_store, Change("2", T0, ("email", "x")) with { ChangedAt = null, OccurredAt = T0.AddSeconds(5) }, default);

        Assert.Null(await ContactEventOrdering.ApplyAsync(_store, Change("1", T0, ("email", "y")) with { ChangedAt = null, OccurredAt = T0.AddSeconds(4) }, default));
    }
}
