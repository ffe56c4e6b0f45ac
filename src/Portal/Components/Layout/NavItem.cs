namespace Portal.Components.Layout;

/// <summary>An entry of the side navigation (Icon is a MudBlazor SVG icon); shown to users holding any of <see cref="Roles"/> (empty: every signed-in user).</summary>
public sealed record NavItem(string Text, string Icon, string Path, IReadOnlyList<string> Roles, string? Description = null)
{
    public bool IsVisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Count == 0 || Roles.Any(user.IsInRole));
}
