using Catalog.Machines;

namespace Portal.Data;

/// <summary>The outcome of redeeming an enrollment token: the enrolled machine, or why nothing was enrolled.</summary>
public sealed record EnrollmentResult
{
    private EnrollmentResult(Machine? machine, RedeemOutcome outcome, string? error)
    {
        Machine = machine;
        Outcome = outcome;
        Error = error;
    }

    public RedeemOutcome Outcome { get; }

    public Machine? Machine { get; }

    /// <summary>A sentence saying why the token was refused; null on success.</summary>
    public string? Error { get; }

    public bool Succeeded => Machine is not null;

    public static EnrollmentResult Success(Machine machine) => new(machine, RedeemOutcome.Enrolled, null);

    public static EnrollmentResult Failure(RedeemOutcome outcome, string error) => new(null, outcome, error);
}
