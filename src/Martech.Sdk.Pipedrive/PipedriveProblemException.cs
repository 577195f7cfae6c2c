namespace Martech.Sdk.Pipedrive;

/// <summary>An <see cref="ArgumentException"/> that carries the <see cref="PipedriveProblem"/> behind it, so bulk
/// operations can report its code and field.</summary>
internal sealed class PipedriveProblemException : ArgumentException
{
    public PipedriveProblemException(PipedriveProblem problem, string paramName)
        : base(problem?.Message, paramName)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    public PipedriveProblem Problem { get; }
}
