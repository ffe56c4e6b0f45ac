using ClientAgent.Capture;

namespace ClientAgent.Tests.Capture;

public sealed class ConfigParsingTests
{
    [Fact]
    public void Ini_text_becomes_section_key_values()
    {
        var values = IniFile.Parse("top=1\n; comment\n[Desktop Entry]\nName = Editor \nName[de]=Bearbeiter\n# c\n\n[Other]\nName=x\n");

        Assert.Equal(
            [new ConfigValue("", "top", "1"), new ConfigValue("Desktop Entry", "Name", "Editor"),
             new ConfigValue("Desktop Entry", "Name[de]", "Bearbeiter"), new ConfigValue("Other", "Name", "x")],
            values);
    }

    [Theory]
    [InlineData("server { listen 80; }")]
    [InlineData("[a]\nk=1\nk=2\n")]
    [InlineData("set x = 5\n")]
    public void Text_that_is_not_plain_ini_gives_null(string text) => Assert.Null(IniFile.Parse(text));

    [Fact]
    public void Environment_files_accept_export_and_quotes()
    {
        var values = EnvironmentFile.Parse("# env\nexport A=1\nB=\"two words\"\nC='x'\n");

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words", ["C"] = "x" }, values);
    }

    [Fact]
    public void Shell_scripts_are_not_environment_files() => Assert.Null(EnvironmentFile.Parse("if [ -x /bin/a ]; then\n  PATH=$PATH:/a\nfi\n"));

    [Theory]
    [InlineData("/etc/environment", true)]
    [InlineData("/etc/profile.d/editor.sh", true)]
    [InlineData("/home/u/.config/environment.d/10-app.conf", true)]
    [InlineData("/opt/app/.env", true)]
    [InlineData("/opt/app/run.sh", false)]
    public void Environment_file_names(string path, bool candidate) => Assert.Equal(candidate, EnvironmentFile.IsCandidate(path));

    [Fact]
    public void Os_release_fields_are_unquoted()
    {
        var values = MachinePlatform.ParseOsRelease("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");

        Assert.Equal(("debian", "12"), (values["ID"], values["VERSION_ID"]));
    }

    [Fact]
    public void Paths_become_macro_paths_by_the_longest_matching_value()
    {
        var macros = new CaptureMacros(new Dictionary<string, string>
        {
            ["*PROGRAMS"] = "/opt",
            ["*HOME"] = "/home/u",
            ["*APPLICATIONS"] = "/home/u/.local/share/applications/",
            ["*ROOT"] = "/",
        });

        Assert.Equal("%*PROGRAMS%/editor/bin", macros.ToTarget("/opt/editor/bin"));
        Assert.Equal("%*PROGRAMS%", macros.ToTarget("/opt"));
        Assert.Equal("/optional/x", macros.ToTarget("/optional/x"));
        Assert.Equal("%*APPLICATIONS%/e.desktop", macros.ToTarget("/home/u/.local/share/applications/e.desktop"));
        Assert.Equal("%*HOME%/.bashrc", macros.ToTarget("/home/u/.bashrc"));
        Assert.Equal("/etc/hosts", macros.ToTarget("/etc/hosts"));
    }
}
