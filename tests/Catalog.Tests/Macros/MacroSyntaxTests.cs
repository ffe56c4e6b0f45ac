using Catalog.Macros;

namespace Catalog.Tests.Macros;

public sealed class MacroSyntaxTests
{
    [Fact]
    public void Tokenize_splits_literals_and_references()
    {
        var tokens = MacroSyntax.Tokenize("a%B%c%%d%*E%");

        Assert.Equal(
            [new MacroToken(false, "a"), new MacroToken(true, "B"), new MacroToken(false, "c%d"), new MacroToken(true, "*E")],
            tokens);
    }

    [Fact]
    public void References_lists_names_in_order()
    {
        Assert.Equal(["ProgramFiles(x86)", "A", "A"], MacroSyntax.References("%ProgramFiles(x86)%/%A%%A%"));
    }

    [Theory]
    [InlineData("APP_DIR", true)]
    [InlineData("dir2", true)]
    [InlineData("A-B", false)]
    [InlineData("*PROGRAMS", false)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidDefinitionName_allows_letters_digits_and_underscore(string? name, bool valid)
    {
        Assert.Equal(valid, MacroSyntax.IsValidDefinitionName(name));
    }
}
