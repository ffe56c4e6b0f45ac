using Catalog.Macros;
using Catalog.Machines;

namespace Catalog.Tests.Macros;

public sealed class SpecialMacrosTests
{
    [Fact]
    public void Linux_defaults_use_standard_locations()
    {
        var defaults = SpecialMacros.DefaultsFor(OsFamily.Linux, "/home/ann/");

        Assert.Equal("/opt", defaults[SpecialMacros.Programs]);
        Assert.Equal("/home/ann", defaults["*home"]);
        Assert.Equal("/tmp", defaults[SpecialMacros.Temp]);
        Assert.Equal("/", defaults[SpecialMacros.SystemDrive]);
        Assert.Equal("/home/ann/.local/share/applications", defaults[SpecialMacros.Applications]);
        Assert.Equal("/home/ann/.config", defaults[SpecialMacros.Config]);
        Assert.Equal("/home/ann/Desktop", defaults[SpecialMacros.Desktop]);
        Assert.False(defaults.ContainsKey(SpecialMacros.WinDir));
    }

    [Fact]
    public void Windows_defaults_use_standard_locations()
    {
        var defaults = SpecialMacros.DefaultsFor(OsFamily.Windows, @"C:\Users\ann\");

        Assert.Equal(@"C:\Program Files", defaults[SpecialMacros.Programs]);
        Assert.Equal(@"C:\Users\ann", defaults[SpecialMacros.Home]);
        Assert.Equal("C:", defaults[SpecialMacros.SystemDrive]);
        Assert.Equal(@"C:\Windows", defaults[SpecialMacros.WinDir]);
        Assert.Equal(@"C:\Windows\System32", defaults[SpecialMacros.System]);
        Assert.Equal(@"C:\Users\ann\AppData\Roaming\Microsoft\Windows\Start Menu\Programs", defaults[SpecialMacros.Applications]);
        Assert.Equal(@"C:\Users\ann\AppData\Local\Temp", defaults[SpecialMacros.Temp]);
    }

    [Fact]
    public void MacOS_defaults_put_programs_in_Applications()
    {
        var defaults = SpecialMacros.DefaultsFor(OsFamily.MacOS, "/Users/ann");

        Assert.Equal("/Applications", defaults[SpecialMacros.Programs]);
        Assert.Equal("/Users/ann/Library/Application Support", defaults[SpecialMacros.Config]);
    }

    [Fact]
    public void Every_default_name_is_a_well_known_special_macro()
    {
        foreach (var os in Enum.GetValues<OsFamily>())
        {
            var defaults = SpecialMacros.DefaultsFor(os, "/h");
            Assert.All(defaults.Keys, name => Assert.Contains(name, SpecialMacros.All));
            Assert.All(defaults.Keys, name => Assert.StartsWith("*", name));
        }
    }

    [Fact]
    public void DefaultsFor_requires_a_home_directory()
    {
        Assert.Throws<ArgumentException>(() => SpecialMacros.DefaultsFor(OsFamily.Linux, " "));
    }
}
