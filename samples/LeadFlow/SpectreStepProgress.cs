using Martech.Sdk;
using Spectre.Console;

namespace LeadFlow;

/// <summary>Shows each bulk step as a Spectre.Console progress bar.</summary>
public sealed class SpectreStepProgress(IAnsiConsole console) : IStepProgress
{
    public async Task<T> RunAsync<T>(string description, int total, Func<IProgress<BulkProgress>, Task<T>> step)
    {
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(description, maxValue: Math.Max(total, 1));
                result = await step(new InlineProgress(p => task.Value = p.Completed));
                task.Value = task.MaxValue;
            });
        return result;
    }

    // Progress<T> posts to the thread pool and can report after the step ends; this reports in line.
    private sealed class InlineProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }
}
