using Catalog.Macros;

namespace Catalog.Tests.Macros;

public sealed class AnswerCharactersTests
{
    [Theory]
    [InlineData("line\u2028break")]
    [InlineData("para\u2029graph")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("bidi\u202Eoverride")]
    [InlineData("isolate\u2066x")]
    [InlineData("private\uE000use")]
    [InlineData("tab\tchar")]
    public void Invisible_characters_are_found_in_any_answer(string answer) =>
        Assert.NotNull(AnswerCharacters.FindInvisible(answer));

    [Theory]
    [InlineData("Notes 2026")]
    [InlineData("Éditeur de texte")]
    [InlineData("編集")]
    [InlineData("emoji \U0001F600")]
    public void Ordinary_text_passes(string answer)
    {
        Assert.Null(AnswerCharacters.FindInvisible(answer));
        Assert.Null(AnswerCharacters.FindUnsafeInPath(answer));
    }

    [Theory]
    [InlineData("a\u2215b")]
    [InlineData("a\u2044b")]
    [InlineData("a\uFF0Fb")]
    [InlineData("a\uFF3Cb")]
    [InlineData("\u2024\u2024")]
    [InlineData("a\u3000b")]
    public void Separator_and_dot_look_alikes_are_unsafe_in_paths(string answer)
    {
        Assert.Null(AnswerCharacters.FindInvisible(answer));
        Assert.NotNull(AnswerCharacters.FindUnsafeInPath(answer));
    }
}
