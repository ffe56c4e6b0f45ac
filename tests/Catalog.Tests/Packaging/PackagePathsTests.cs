using Catalog.Packaging;

namespace Catalog.Tests.Packaging;

public sealed class PackagePathsTests
{
    [Theory]
    [InlineData("caf\u00e9", "cafe\u0301")]
    [InlineData("\u212B", "A\u030A")]
    [InlineData("\uD55C", "\u1112\u1161\u11AB")]
    [InlineData("Readme.TXT", "README.txt")]
    [InlineData("a\u0323\u0307", "a\u0307\u0323")]
    public void Names_equal_after_normalisation_and_case_folding_share_a_key(string one, string other) =>
        Assert.Equal(PackagePaths.CollisionKey(one), PackagePaths.CollisionKey(other));

    [Theory]
    [InlineData("cafe", "caf\u00e9")]
    [InlineData("a.txt", "b.txt")]
    public void Different_names_have_different_keys(string one, string other) =>
        Assert.NotEqual(PackagePaths.CollisionKey(one), PackagePaths.CollisionKey(other));

    [Theory]
    [InlineData("bin/editor", null)]
    [InlineData("man/Foo::Bar.3pm", null)]
    [InlineData("a/./b", "has an empty or '.' segment")]
    [InlineData("", "is empty")]
    [InlineData("a\u0000b", "contains a control character")]
    public void Path_rules(string path, string? problem) => Assert.Equal(problem, PackagePaths.FindProblem(path));
}
