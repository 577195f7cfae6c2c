using System.Net;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Faults;

/// <summary>
/// What a failure after the request may have been processed looks like, the same for every provider: its main write
/// (a send, a post, a create or upsert) against its emulator over real sockets, with the answer's body cut short, its
/// body malformed, or a 5xx answer. Each derived class names the write, its route and the instance's secrets; every
/// case asserts the exception type, <see cref="MartechException.MayHaveBeenProcessed"/>, that the write reached the
/// emulator exactly once (it is not sent again), and that no secret appears in the exception.
/// </summary>
public abstract class ProviderFaultTests : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>The emulator the provider talks to.</summary>
    protected abstract VendorEmulator Emulator { get; }

    /// <summary>The write's HTTP method, as the emulator records it.</summary>
    protected abstract string WriteMethod { get; }

    /// <summary>The write's route, with <c>{name}</c> for a variable segment.</summary>
    protected abstract string WritePath { get; }

    /// <summary>The instance's secrets: none may appear in an exception.</summary>
    protected abstract IReadOnlyList<string> Secrets { get; }

    /// <summary>Whether the provider reads the body of the write's success answer. SendGrid's mail send is answered
    /// 202 with no body to read: the status already says the message was accepted, so a broken body changes nothing.</summary>
    protected virtual bool ReadsWriteAnswerBody => true;

    /// <summary>The container with the provider, built for each test.</summary>
    protected ServiceProvider Services => _services ?? throw new InvalidOperationException("The test has not been initialised.");

    public async Task InitializeAsync()
    {
        _services = CreateServices();
        await ArrangeAsync();
    }

    public async Task DisposeAsync()
    {
        Emulator.Faults.Clear();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task Write_ServerError_RequestExceptionSaysItMayHaveBeenProcessed_SentOnce()
    {
        Emulator.Faults.Next(1, WriteMethod, WritePath, EmulatorFault.ServerError(500));

        MartechException thrown = await Assert.ThrowsAnyAsync<MartechException>(() => WriteAsync(Services));

        MartechRequestException ex = Assert.IsType<MartechRequestException>(thrown);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("may have been processed; it was not sent again", ex.Message, StringComparison.Ordinal);
        AssertServerError(ex);
        AssertSentOnceWithoutSecrets(ex);
    }

    [Fact]
    public async Task Write_TruncatedBody_TransportExceptionMayHaveBeenProcessed_SentOnce()
    {
        if (await WriteWithBrokenAnswerAsync(EmulatorFault.TruncatedBody()) is { } ex)
        {
            Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Write_MalformedBody_TransportExceptionMayHaveBeenProcessed_NotARefusal()
    {
        if (await WriteWithBrokenAnswerAsync(EmulatorFault.MalformedBody()) is { } ex)
        {
            Assert.DoesNotContain("not accept", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("refused", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Builds the container with the provider pointed at a reset emulator.</summary>
    protected abstract ServiceProvider CreateServices();

    /// <summary>Runs the provider's main write, which is not idempotent.</summary>
    protected abstract Task WriteAsync(IServiceProvider services);

    /// <summary>Puts what the write needs into the emulator (a conversation to reply to, say).</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    /// <summary>Provider-specific checks of a 5xx answer's exception (the vendor's code, say).</summary>
    protected virtual void AssertServerError(MartechRequestException exception)
    {
    }

    /// <summary>
    /// A 5xx answer to an idempotent read: the transport sends it again (it is safe to), and the final exception says
    /// it was not left open. A derived class with such a read calls this from its own test.
    /// </summary>
    protected async Task AssertIdempotentReadServerErrorIsNotOpenAsync(string method, string path, Func<IServiceProvider, Task> read)
    {
        Emulator.Faults.Next(100, method, path, EmulatorFault.ServerError(500));

        MartechException thrown = await Assert.ThrowsAnyAsync<MartechException>(() => read(Services));

        MartechRequestException ex = Assert.IsType<MartechRequestException>(thrown);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain("may have been processed", ex.Message, StringComparison.Ordinal);
        Assert.True(Emulator.RequestLog.RequestsTo(method, path).Count > 1, "An idempotent read answered 5xx was not sent again.");
        AssertNoSecrets(ex);
    }

    // The write succeeds at the vendor, then its answer's body breaks: a transport exception that says it may have
    // been processed, after exactly one request (null when the provider reads no body, and the write succeeded).
    private async Task<MartechTransportException?> WriteWithBrokenAnswerAsync(EmulatorFault fault)
    {
        Emulator.Faults.Next(1, WriteMethod, WritePath, fault);
        if (!ReadsWriteAnswerBody)
        {
            await WriteAsync(Services);
            Assert.Single(Emulator.RequestLog.RequestsTo(WriteMethod, WritePath));
            return null;
        }

        MartechException thrown = await Assert.ThrowsAnyAsync<MartechException>(() => WriteAsync(Services));

        MartechTransportException ex = Assert.IsType<MartechTransportException>(thrown);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("may have been processed", ex.Message, StringComparison.Ordinal);
        AssertSentOnceWithoutSecrets(ex);
        return ex;
    }

    private void AssertSentOnceWithoutSecrets(Exception ex)
    {
        Assert.Single(Emulator.RequestLog.RequestsTo(WriteMethod, WritePath));
        AssertNoSecrets(ex);
    }

    private void AssertNoSecrets(Exception ex)
    {
        string text = ex.ToString();
        foreach (string secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
