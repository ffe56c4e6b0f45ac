using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Api;

public static class ApiProblems
{
    /// <summary>423 Locked with the time the lockout ends, e.g. "Account locked until 2026-01-01 10:15 UTC ...".</summary>
    public static ProblemHttpResult LockedOut(DateTimeOffset? until) =>
        TypedResults.Problem(
            LockedOutMessage(until),
            statusCode: StatusCodes.Status423Locked,
            title: "Account locked");

    public static string LockedOutMessage(DateTimeOffset? until) =>
        until == DateTimeOffset.MaxValue
            ? "Account locked by an administrator; ask an administrator to unlock it."
            : until is { } end
            ? $"Account locked until {end.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC after too many failed sign-in attempts."
            : "Account locked after too many failed sign-in attempts.";

    /// <summary>The sentence for a throttled sign-in (too many failures for this account from this address).</summary>
    public static string ThrottledMessage(TimeSpan wait) =>
        $"Too many failed sign-in attempts for this account from this address; try again in {Math.Ceiling(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minute(s).";
}
