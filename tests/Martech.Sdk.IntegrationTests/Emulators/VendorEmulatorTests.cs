using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

public class VendorEmulatorTests
{
    [Fact]
    public async Task StartAsync_BindsLoopbackOnOsAssignedPort()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();

        Uri address = emulator.BaseAddress;
        Assert.Equal("http", address.Scheme);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(address.Host)));
        Assert.NotEqual(0, address.Port);
        Assert.EndsWith("/", address.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(emulator.IsRunning);

        using HttpClient http = emulator.CreateClient();
        using HttpResponseMessage response = await http.GetAsync("v1/items");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StartAsync_ListensOnlyOn127001()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        int port = emulator.BaseAddress.Port;

        // On Linux all of 127.0.0.0/8 reaches the loopback device: a server bound to 0.0.0.0 (or [::]) would accept these.
        await AssertRefusedAsync(IPAddress.Parse("127.0.0.2"), port);
        await AssertRefusedAsync(IPAddress.IPv6Loopback, port);

        using var reachable = new TcpClient();
        await reachable.ConnectAsync(IPAddress.Loopback, port);
        Assert.True(reachable.Connected);
    }

    [Fact]
    public async Task StartAsync_TwoEmulators_GetDifferentPorts()
    {
        await using var first = await ItemsEmulator.StartNewAsync();
        await using var second = await ItemsEmulator.StartNewAsync();

        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.StartAsync());
    }

    [Fact]
    public async Task BaseAddress_BeforeStart_Throws()
    {
        await using var emulator = new ItemsEmulator();

        Assert.Throws<InvalidOperationException>(() => emulator.BaseAddress);
        Assert.False(emulator.IsRunning);
        Assert.Contains("not started", emulator.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ClosesThePort_BaseAddressStillKnown()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        Uri address = emulator.BaseAddress;
        using (HttpClient warm = emulator.CreateClient())
        {
            (await warm.GetAsync("v1/items")).Dispose();
        }

        await emulator.StopAsync();

        Assert.False(emulator.IsRunning);
        Assert.Equal(address, emulator.BaseAddress);
        using var http = new HttpClient { BaseAddress = address };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("v1/items"));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        await Assert.ThrowsAsync<InvalidOperationException>(() => emulator.StartAsync());
    }

    [Fact]
    public async Task StopAsync_NotStarted_DoesNothing_AndCanStillStart()
    {
        await using var emulator = new ItemsEmulator();

        await emulator.StopAsync();
        await emulator.StartAsync();

        Assert.True(emulator.IsRunning);
    }

    [Fact]
    public async Task DisposeAsync_Twice_DoesNotThrow()
    {
        var emulator = await ItemsEmulator.StartNewAsync();

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        Assert.False(emulator.IsRunning);
    }

    [Fact]
    public async Task StopAsync_EndsHeldResponsesAtOnce()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.TimeoutAfterProcessing(TimeSpan.FromMinutes(5)));
        using HttpClient http = emulator.CreateClient(TimeSpan.FromMinutes(5));
        Task<HttpResponseMessage> pending = http.PostAsJsonAsync("v1/items", new { name = "held" });
        RecordedRequest held = await WaitForRequestAsync(emulator);
        await EventuallyAsync(() => emulator.Items.Count == 1); // processed, now held

        await emulator.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await held.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
        Assert.Null(held.StatusCode);
        Assert.Single(emulator.Items.Items);
    }

    [Fact]
    public async Task Routes_ServePagingAndErrorsInTheVendorFormat()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        using HttpClient http = emulator.CreateClient();
        for (int i = 0; i < 5; i++)
        {
            using HttpResponseMessage created = await http.PostAsJsonAsync("v1/items", new { name = $"item {i}" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var names = new List<string>();
        string? cursor = null;
        int pages = 0;
        do
        {
            string uri = cursor is null ? "v1/items?limit=2" : $"v1/items?limit=2&cursor={cursor}";
            var page = await http.GetFromJsonAsync<ItemList>(uri, EmulatorJson.SnakeCase);
            Assert.NotNull(page);
            Assert.Equal(5, page.Total);
            names.AddRange(page.Results.Select(r => r.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["item 0", "item 1", "item 2", "item 3", "item 4"], names);

        using HttpResponseMessage badCursor = await http.GetAsync("v1/items?cursor=zzz");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        var error = await badCursor.Content.ReadFromJsonAsync<VendorError>(EmulatorJson.SnakeCase);
        Assert.Equal("invalid_cursor", error?.ErrorType);
    }

    [Fact]
    public async Task Route_Throws_Answers500AndRecordsTheException()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.GetAsync("v1/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("The route broke.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        RecordedRequest recorded = Assert.Single(emulator.RequestLog.Requests);
        await recorded.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.IsType<InvalidOperationException>(recorded.Exception);
        Assert.Equal(500, recorded.StatusCode);
    }

    internal static async Task<RecordedRequest> WaitForRequestAsync(VendorEmulator emulator, int count = 1)
    {
        await EventuallyAsync(() => emulator.RequestLog.Count >= count);
        return emulator.RequestLog.Requests[count - 1];
    }

    // Polls a condition the server side makes true on its own schedule; fails after 10 s.
    internal static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static async Task AssertRefusedAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(address.AddressFamily);
        await Assert.ThrowsAnyAsync<SocketException>(async () => await client.ConnectAsync(address, port));
    }
}
