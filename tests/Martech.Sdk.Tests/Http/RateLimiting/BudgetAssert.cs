namespace Martech.Sdk.Tests.Http.RateLimiting;

/// <summary>Checks on the budget's synchronous fast path, which must complete without awaiting or allocating.</summary>
internal static class BudgetAssert
{
    /// <summary>The wait of an acquisition that must have completed at once.</summary>
    public static TimeSpan Immediate(ValueTask<TimeSpan> acquire)
    {
        if (acquire.IsCompletedSuccessfully)
        {
            return acquire.Result;
        }

        _ = acquire.AsTask(); // consume it
        throw new Xunit.Sdk.XunitException("Expected a permit at once, but the acquisition waits.");
    }

    /// <summary>Takes permits that must all be free now.</summary>
    public static void TakeImmediately(MartechRateBudget budget, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(TimeSpan.Zero, Immediate(budget.AcquireAsync(CancellationToken.None)));
        }
    }
}
