using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.ScaleOutWorker;

/// <summary>Registers the worker's budget mode: nothing for in-process budgets, the Redis store for shared ones.</summary>
internal static class SharedBudgets
{
    public static void Register(IServiceCollection services, WorkerArguments arguments)
    {
        if (arguments.Mode == WorkerArguments.ModeLocal)
        {
            return;
        }

        throw new InvalidOperationException($"--mode {arguments.Mode} needs Martech.Sdk.Redis, which this build does not have yet.");
    }
}
