using Microsoft.AspNetCore.Components;

namespace Portal.Components.Shared;

/// <summary>
/// The <c>&lt;svg&gt;</c> MudIcon draws (MudBlazor's classes), as markup inside the component that shows it instead of a
/// MudIcon component: each component a circuit holds keeps its own render-tree buffers for the circuit's life (see the
/// circuits benchmark in docs/portal.md).
/// </summary>
public static class SvgIcon
{
    /// <param name="icon">The icon's SVG content, e.g. <c>Icons.Material.Filled.Menu</c>.</param>
    /// <param name="classes">MudIcon's classes beyond <c>mud-icon-root mud-svg-icon</c>: size, colour, role in its parent.</param>
    public static RenderFragment Markup(string icon, string classes) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", "mud-icon-root mud-svg-icon " + classes);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    };
}
