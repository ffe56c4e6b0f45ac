namespace Portal.BrowserTests.Infrastructure;

/// <summary>Browser tests share one portal and one Chromium and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in Chromium";
}
