using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Components.Admin;

/// <summary>The signed-in administrator's name for the audit trail.</summary>
public static class AdminActor
{
    public static async Task<string> NameAsync(Task<AuthenticationState>? state) =>
        state is null ? "(unknown)" : (await state).User.Identity?.Name ?? "(unknown)";
}
