using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.ScaleOutWorker;

/// <summary>Registers the worker's budget mode: nothing for in-process budgets (the control), the Redis store for shared
/// ones, timed by Redis TIME or by this process's (skewed) clock.</summary>
internal static class SharedBudgets
{
    public static void Register(IServiceCollection services, WorkerArguments arguments)
    {
        if (arguments.Mode == WorkerArguments.ModeLocal)
        {
            return;
        }

        services.AddMartechRedis(arguments.Redis!, o => o.Clock = arguments.Mode == WorkerArguments.ModeRedisCallerClock ? RedisClock.Caller : RedisClock.Server)
            .UseRateBudgets(o =>
            {
                // Waiting, not falling back to in-process shares, so a Redis failure shows in the figures rather than
                // hiding behind the fallback.
                o.WhenUnavailable = SharedRateBudgetFallback.Wait;
                o.ExpectedProcesses = 3;
            });
    }
}
