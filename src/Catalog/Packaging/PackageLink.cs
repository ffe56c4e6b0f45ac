namespace Catalog.Packaging;

/// <summary>A symbolic link the package creates (a Link in the vocabulary).</summary>
/// <param name="Target">Where the link itself goes on the machine; may use macros (<c>%*PROGRAMS%/lz4/lib/liblz4.so.1</c>).</param>
/// <param name="LinkTarget">
/// The text stored in the link, exactly as captured: relative (<c>liblz4.so.1.9.4</c>, resolved from the link's
/// directory) or absolute. Never macro-expanded, so a <c>%</c> in it is literal.
/// </param>
public sealed record PackageLink(string Target, string LinkTarget);
