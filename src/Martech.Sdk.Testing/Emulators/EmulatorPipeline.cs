using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

/// <summary>The middleware in front of an emulator's routes: records the request, applies the rate limit, then injects
/// the fault (if any) chosen for it.</summary>
internal sealed class EmulatorPipeline(VendorEmulator emulator)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        DateTimeOffset arrivedAt = emulator.TimeProvider.GetUtcNow();

        // The body is read up front so the log, rate-limit partitions and fault predicates can see it; routes read the copy.
        byte[] body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        context.Request.Body = new MemoryStream(body, writable: false);
        RecordedRequest recorded = emulator.RequestLog.Record(context.Request, body, arrivedAt);

        // Like a vendor's backend, routes finish work the client gave up on: they see only the emulator stopping.
        CancellationToken clientGone = context.RequestAborted;
        context.RequestAborted = emulator.StopToken;

        // OnStarting runs just before the headers go out, so a client never sees a status the log does not have yet.
        context.Response.OnStarting(
            static state =>
            {
                var (request, response) = ((RecordedRequest, HttpResponse))state;
                request.SetStatusCode(response.StatusCode);
                return Task.CompletedTask;
            },
            (recorded, context.Response));

        try
        {
            if (!await AdmitAsync(context, recorded).ConfigureAwait(false))
            {
                return;
            }

            EmulatorFault? fault = emulator.Faults.Select(recorded);
            if (fault is null)
            {
                await next(context).ConfigureAwait(false);
            }
            else
            {
                recorded.SetFault(fault);
                await EmulatorFaultResponder.ApplyAsync(emulator, context, recorded, fault, next, clientGone).ConfigureAwait(false);
            }
        }
        catch (Exception) when (emulator.StopToken.IsCancellationRequested)
        {
            // Stopping: the server goes away mid-request, as a restarting vendor's would.
            recorded.MarkAborted();
            context.Abort();
        }
        catch (Exception exception) when (!clientGone.IsCancellationRequested)
        {
            // A route bug: keep it for the test to read, and answer 500 the way a vendor's server would.
            recorded.SetException(exception);
            if (context.Response.HasStarted)
            {
                recorded.MarkAborted();
                context.Abort();
                return;
            }

            context.Response.Clear();
            await EmulatorJson.WriteAsync(
                context.Response,
                new { error = "emulator_error", message = $"{exception.GetType().Name}: {exception.Message}" },
                StatusCodes.Status500InternalServerError,
                cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            recorded.Complete();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return [];
        }

        using var buffer = request.ContentLength is { } length and <= int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private async Task<bool> AdmitAsync(HttpContext context, RecordedRequest recorded)
    {
        EmulatorRateLimiter? limiter = emulator.RateLimiter;
        if (limiter is null
            || !emulator.InvokeCountsAgainstRateLimit(recorded)
            || (limiter.Limit.AppliesTo is { } appliesTo && !appliesTo(recorded)))
        {
            return true;
        }

        recorded.MarkCountedByRateLimit();
        EmulatorRateLimiter.Decision decision = limiter.Acquire(recorded, recorded.ArrivedAt);
        emulator.InvokeWriteRateLimitHeaders(context.Response, decision.Remaining, limiter.Limit.PermitLimit, decision.ResetAfter);
        if (decision.Admitted)
        {
            return true;
        }

        recorded.MarkRateLimited();
        await emulator.InvokeWriteRateLimitExceededAsync(context, decision.ResetAfter).ConfigureAwait(false);
        return false;
    }
}
