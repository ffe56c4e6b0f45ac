using System.Text.Json;
using Catalog.Applications;
using Catalog.Macros;
using Catalog.Machines;
using Catalog.Requirements;
using Catalog.Serialization;

namespace Catalog.Tests.Serialization;

public sealed class CatalogJsonTests
{
    [Fact]
    public void Application_round_trips_with_polymorphic_requirements_and_macros()
    {
        var application = new Application
        {
            Name = "Editor",
            Version = "1.2.0",
            Requirements = [new OsRequirement(OsFamily.Linux, "12"), new MemoryRequirement(2048) { ShowWhenUnmet = false }],
            Macros =
            [
                new StringMacro { Name = "DIR", Value = "%TARGET%/editor" },
                new PromptedVolumeMacro { Name = "TARGET", Prompt = "Where?", DefaultVolume = "/", MinimumFreeMb = 100 },
            ],
        };

        var json = JsonSerializer.Serialize(application, CatalogJson.Options);
        var back = JsonSerializer.Deserialize<Application>(json, CatalogJson.Options)!;

        Assert.Contains("\"type\":\"os\"", json);
        Assert.Contains("\"family\":\"Linux\"", json);
        Assert.IsType<OsRequirement>(back.Requirements[0]);
        Assert.False(back.Requirements[1].ShowWhenUnmet);
        Assert.Equal(100, Assert.IsType<PromptedVolumeMacro>(back.Macros[1]).MinimumFreeMb);
        Assert.Equal(application.Id, back.Id);
    }
}
