using System.Text;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

/// <summary>Carries out an <see cref="EmulatorFault"/> on one request.</summary>
internal static class EmulatorFaultResponder
{
    private static readonly byte[] MalformedSuffix = "<<malformed>>"u8.ToArray();

    public static async Task ApplyAsync(VendorEmulator emulator, HttpContext context, RecordedRequest recorded, EmulatorFault fault, RequestDelegate next, CancellationToken clientGone)
    {
        HttpResponse response = context.Response;
        switch (fault.Kind)
        {
            case EmulatorFaultKind.Latency:
                // A slow server still does the work after a client gives up; only stopping the emulator ends the wait.
                if (await DelayAsync(fault.Delay, emulator.StopToken).ConfigureAwait(false))
                {
                    await next(context).ConfigureAwait(false);
                }
                else
                {
                    Abort(context, recorded);
                }

                return;

            case EmulatorFaultKind.ServerError:
                response.StatusCode = fault.StatusCode;
                if (fault.Body is null)
                {
                    await emulator.InvokeWriteServerErrorAsync(context).ConfigureAwait(false);
                }
                else
                {
                    response.ContentType = fault.ContentType;
                    await response.WriteAsync(fault.Body, context.RequestAborted).ConfigureAwait(false);
                }

                return;

            case EmulatorFaultKind.TooManyRequests:
                if (emulator.RateLimit is { } limit)
                {
                    emulator.InvokeWriteRateLimitHeaders(response, 0, limit.PermitLimit, fault.RetryAfter ?? limit.Window);
                }

                await emulator.InvokeWriteRateLimitExceededAsync(context, fault.RetryAfter).ConfigureAwait(false);
                return;

            case EmulatorFaultKind.ResetBeforeProcessing:
                Abort(context, recorded);
                return;

            default:
                await ProcessThenApplyAsync(emulator, context, recorded, fault, next, clientGone).ConfigureAwait(false);
                return;
        }
    }

    // The faults that let the route run first, holding its response back to delay, drop or damage it.
    private static async Task ProcessThenApplyAsync(VendorEmulator emulator, HttpContext context, RecordedRequest recorded, EmulatorFault fault, RequestDelegate next, CancellationToken clientGone)
    {
        HttpResponse response = context.Response;
        Stream socketBody = response.Body;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            response.Body = buffer;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                response.Body = socketBody;
            }

            body = buffer.ToArray();
        }

        switch (fault.Kind)
        {
            case EmulatorFaultKind.ResetAfterProcessing:
                Abort(context, recorded);
                return;

            case EmulatorFaultKind.TimeoutAfterProcessing:
                using (var hold = CancellationTokenSource.CreateLinkedTokenSource(clientGone, emulator.StopToken))
                {
                    if (!await DelayAsync(fault.Delay, hold.Token).ConfigureAwait(false))
                    {
                        Abort(context, recorded);
                        return;
                    }
                }

                await WriteAsync(context, body, body.Length).ConfigureAwait(false);
                return;

            case EmulatorFaultKind.MalformedBody:
                await WriteAsync(context, fault.Body is { } malformed ? Encoding.UTF8.GetBytes(malformed) : Malform(body), declaredLength: null).ConfigureAwait(false);
                return;

            case EmulatorFaultKind.TruncatedBody:
                // Kestrel closes a connection whose response ends short of its Content-Length, as a dropped upstream would.
                byte[] full = body.Length == 0 ? "{}"u8.ToArray() : body;
                int sent = Math.Max(1, full.Length / 2);
                await WriteAsync(context, full.AsMemory(0, sent), declaredLength: full.Length == 1 ? 2 : full.Length).ConfigureAwait(false);
                return;

            default:
                throw new InvalidOperationException($"Unknown fault kind {fault.Kind}.");
        }
    }

    private static void Abort(HttpContext context, RecordedRequest recorded)
    {
        recorded.MarkAborted();
        context.Abort();
    }

    private static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> body, long? declaredLength)
    {
        HttpResponse response = context.Response;
        if (!CanHaveBody(context))
        {
            return;
        }

        response.ContentLength = declaredLength ?? body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    // Half the real body, then text no JSON parser accepts: '<' is invalid outside a string, and the suffix has no
    // quote, so a cut inside a string stays unterminated.
    private static byte[] Malform(byte[] body)
    {
        int keep = body.Length / 2;
        byte[] malformed = new byte[keep + MalformedSuffix.Length];
        body.AsSpan(0, keep).CopyTo(malformed);
        MalformedSuffix.CopyTo(malformed, keep);
        return malformed;
    }

    private static bool CanHaveBody(HttpContext context)
    {
        int status = context.Response.StatusCode;
        return !HttpMethods.IsHead(context.Request.Method) && status >= 200 && status != StatusCodes.Status204NoContent && status != StatusCodes.Status304NotModified;
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
