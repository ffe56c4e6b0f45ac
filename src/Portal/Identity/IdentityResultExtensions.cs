using Microsoft.AspNetCore.Identity;

namespace Portal.Identity;

public static class IdentityResultExtensions
{
    /// <summary>The failure descriptions as one sentence list, e.g. for problem details.</summary>
    public static string Describe(this IdentityResult result) =>
        string.Join(" ", result.Errors.Select(e => e.Description));
}
