using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Http.OAuth2TestOptions;

namespace Martech.Sdk.Tests.Http;

/// <summary>Single-flight refresh across processes: separate <see cref="OAuth2Authentication"/>s (each with its own
/// in-process single flight, as separate processes have) sharing one store that is also a refresh lock.</summary>
public sealed class OAuth2RefreshLockTests : IDisposable
{
    private const string Key = "tenant-42";

    private readonly TokenEndpointStub _endpoint = new();

    public void Dispose() => _endpoint.Dispose();

    [Fact]
    public async Task FiveProcesses_AllRejectedAtOnce_OneTokenRequestAndTheRotatedRefreshTokenSpentOnce()
    {
        var store = new InMemoryOAuth2TokenStore();
        await store.SetAsync(Key, new OAuth2Token { AccessToken = "at-old", RefreshToken = "rt-1", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        OAuth2Authentication[] processes = Enumerable.Range(0, 5).Select(_ => new OAuth2Authentication(Options(), _endpoint.Client, store)).ToArray();
        var requests = new HttpRequestMessage[processes.Length];
        for (int i = 0; i < processes.Length; i++)
        {
            requests[i] = VendorRequest();
            await processes[i].ApplyAsync(requests[i]);
            Assert.Equal("Bearer at-old", requests[i].Headers.Authorization!.ToString());
        }

        _endpoint.EnqueueToken("at-new", expiresIn: 3600, refreshToken: "rt-2");
        _endpoint.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool>[] renewals = processes.Select((p, i) => p.RenewAfterUnauthorizedAsync(requests[i]).AsTask()).ToArray();
        await _endpoint.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200); // every other process is waiting for the holder's token by now
        _endpoint.Hold.SetResult();

        bool[] renewed = await Task.WhenAll(renewals).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(renewed, Assert.True);
        RecordedTokenRequest only = Assert.Single(_endpoint.Requests);
        Assert.Contains("refresh_token=rt-1", only.Body, StringComparison.Ordinal);
        foreach (OAuth2Authentication process in processes)
        {
            Assert.Equal("at-new", (await process.GetTokenAsync()).AccessToken);
        }

        Assert.Equal("rt-2", (await store.GetAsync(Key))!.RefreshToken);
        Assert.Single(_endpoint.Requests);
    }

    [Fact]
    public async Task HolderDied_AnotherProcessRefreshesOnceTheLeaseHasPassed()
    {
        var time = new ManualTimeProvider();
        var store = new InMemoryOAuth2TokenStore(time);
        await using IAsyncDisposable? dead = await store.TryLockAsync(Key, TimeSpan.FromSeconds(30)); // never released in time
        Assert.NotNull(dead);
        var process = new OAuth2Authentication(Options(), _endpoint.Client, store, time);

        using HttpRequestMessage request = VendorRequest();
        Task apply = process.ApplyAsync(request).AsTask();
        await AdvanceAsync(time, TimeSpan.FromSeconds(25), apply);

        Assert.False(apply.IsCompleted);
        Assert.Equal(0, _endpoint.RequestCount);

        await AdvanceAsync(time, TimeSpan.FromSeconds(60), apply);
        await apply.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Bearer at-1", request.Headers.Authorization!.ToString());
        Assert.Equal(1, _endpoint.RequestCount);
        Assert.True(time.Elapsed >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitingForAnotherProcess_CallerCancels_ThrowsWithoutRequestingAToken()
    {
        var time = new ManualTimeProvider();
        var store = new InMemoryOAuth2TokenStore(time);
        IAsyncDisposable? other = await store.TryLockAsync(Key, TimeSpan.FromSeconds(30));
        var process = new OAuth2Authentication(Options(), _endpoint.Client, store, time);
        using var cts = new CancellationTokenSource();

        using HttpRequestMessage request = VendorRequest();
        Task apply = process.ApplyAsync(request, cts.Token).AsTask();
        await AdvanceAsync(time, TimeSpan.FromSeconds(2), apply);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, _endpoint.RequestCount);

        // The other process writes its token and releases: a later call takes it without a token request.
        await store.SetAsync(Key, new OAuth2Token { AccessToken = "at-other", RefreshToken = "rt-2", ExpiresAt = time.GetUtcNow().AddHours(1) });
        await other!.DisposeAsync();
        await AdvanceAsync(time, TimeSpan.FromSeconds(5), new TaskCompletionSource().Task);
        OAuth2Token token = await process.GetTokenAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("at-other", token.AccessToken);
        Assert.Equal(0, _endpoint.RequestCount);
    }

    [Fact]
    public async Task InMemoryLock_IsExclusiveUntilReleasedOrExpired()
    {
        var time = new ManualTimeProvider();
        var store = new InMemoryOAuth2TokenStore(time);

        IAsyncDisposable? first = await store.TryLockAsync(Key, TimeSpan.FromSeconds(10));
        Assert.NotNull(first);
        Assert.Null(await store.TryLockAsync(Key, TimeSpan.FromSeconds(10)));
        Assert.NotNull(await store.TryLockAsync("another-key", TimeSpan.FromSeconds(10)));

        time.Advance(TimeSpan.FromSeconds(10));
        IAsyncDisposable? second = await store.TryLockAsync(Key, TimeSpan.FromSeconds(10));
        Assert.NotNull(second);

        // The expired holder's release does not free the new holder's lock.
        await first!.DisposeAsync();
        Assert.Null(await store.TryLockAsync(Key, TimeSpan.FromSeconds(10)));

        await second!.DisposeAsync();
        Assert.NotNull(await store.TryLockAsync(Key, TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryLockAsync("k", TimeSpan.Zero).AsTask());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void RefreshLockLease_OutOfRange_IsRejectedNamingTheOption(int seconds)
    {
        OAuth2Options options = Options();
        options.RefreshLockLease = TimeSpan.FromSeconds(seconds);

        var ex = Assert.Throws<ArgumentException>(() => new OAuth2Authentication(options, _endpoint.Client));
        Assert.Equal("options.RefreshLockLease", ex.ParamName);
    }

    private static OAuth2Options Options()
    {
        OAuth2Options options = RefreshTokenGrant();
        options.TokenStoreKey = Key;
        return options;
    }

    /// <summary>Moves the clock a second at a time, letting the code under test run between steps.</summary>
    private static async Task AdvanceAsync(ManualTimeProvider time, TimeSpan by, Task until)
    {
        for (TimeSpan moved = TimeSpan.Zero; moved < by && !until.IsCompleted; moved += TimeSpan.FromMilliseconds(500))
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await Task.Delay(10);
    }
}
