using Polly;

namespace Martech.Sdk;

/// <summary>The transport's only retry layer: runs each request through the instance's (or its tenant's) Polly pipeline.</summary>
internal sealed class ResilienceHandler(MartechTransportContext instance) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The tenant's pipeline (its own circuit breaker) on an instance with per-tenant credentials.
        MartechTransportContext context = instance.For(request);
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        long deadline = context.Time.GetTimestamp() + (long)(context.Options.Resilience.TotalTimeout.TotalSeconds * context.Time.TimestampFrequency);
        resilience.Properties.Set(MartechResiliencePipeline.CallKey, new MartechCall(request, deadline));
        try
        {
            Outcome<HttpResponseMessage> outcome = await context.Pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.SendInnerAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                resilience,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
