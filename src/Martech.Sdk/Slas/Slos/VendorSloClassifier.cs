using Polly.Timeout;

namespace Martech.Sdk;

/// <summary>The rules that turn a request's end (status code or exception) into a <see cref="VendorSloOutcome"/>.</summary>
internal static class VendorSloClassifier
{
    public const int OutcomeCount = 6;

    public static VendorSloOutcome Classify(int? statusCode, Exception? exception, bool canceledByCaller)
    {
        if (canceledByCaller)
        {
            return VendorSloOutcome.Canceled;
        }

        if (statusCode is { } status)
        {
            return ClassifyStatus(status);
        }

        return exception switch
        {
            MartechRateLimitedException => VendorSloOutcome.Throttled,
            TimeoutRejectedException or TimeoutException or MartechTimeoutException => VendorSloOutcome.Timeout,
            OperationCanceledException { InnerException: TimeoutException } => VendorSloOutcome.Timeout,
            MartechRequestException { StatusCode: { } code } => ClassifyStatus((int)code),
            // Connection failed or lost before the headers, the circuit breaker open after repeated failures.
            _ => VendorSloOutcome.VendorFailure,
        };
    }

    public static VendorSloOutcome ClassifyStatus(int status) => status switch
    {
        >= 200 and < 300 => VendorSloOutcome.Success,
        408 => VendorSloOutcome.Timeout,
        429 => VendorSloOutcome.Throttled,
        >= 400 and < 500 => VendorSloOutcome.CallerError,
        _ => VendorSloOutcome.VendorFailure,
    };
}
