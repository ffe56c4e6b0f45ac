using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>The product's look: indigo app bar and accents, calm grey page, rounded cards, system fonts.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            Tertiary = "#8e24aa",
            Info = "#1e88e5",
            Success = "#2e7d32",
            Warning = "#ef6c00",
            Error = "#c62828",
            AppbarBackground = "#3949ab",
            AppbarText = "#ffffff",
            Background = "#f4f5fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            DrawerIcon = "#3949ab",
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "#5f6368",
            ActionDefault = "#5f6368",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Roboto", "system-ui", "-apple-system", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
            },
            H4 = new H4Typography { FontSize = "1.75rem", FontWeight = "500", LineHeight = "1.3" },
            H5 = new H5Typography { FontSize = "1.25rem", FontWeight = "500", LineHeight = "1.35" },
            H6 = new H6Typography { FontSize = "1.05rem", FontWeight = "500", LineHeight = "1.4" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "248px",
        },
    };
}
